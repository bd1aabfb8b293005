"""Coverage-guided fuzzing with atheris (libFuzzer) of the parsers that read files from outside: policies,
exported audit logs, age headers, codebooks and
.qdpx projects. The hypothesis tests in tests/unit/test_fuzz.py run in CI;
this runs for as long as asked, e.g. overnight:

    .venv/bin/python tests/fuzz/atheris_targets.py policy -runs=1000000
    .venv/bin/python tests/fuzz/atheris_targets.py audit -max_total_time=3600

A target fails only on an exception outside fieldkit's error tree (FieldkitError: a clear one-line error).
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import zipfile
from pathlib import Path

import atheris

# Only fieldkit's own modules (and tomllib, which reads policies) are instrumented for coverage: instrumenting
# pydantic and the rest too took five seconds a start and guides the fuzzer through code that is not fieldkit's.
with atheris.instrument_imports(include=["fieldkit", "fieldkit_board", "tomllib"]):
    from fieldkit.audit.chain import read_export_with_key, verify_export
    from fieldkit.errors import FieldkitError
    from fieldkit.export.codebook_exchange import parse_codebook_csv
    from fieldkit.export.refi import parse_xml, read_codes, read_qdpx
    from fieldkit.retention.policy import parse_policy
    from fieldkit.vault.ageformat import AgeFormatError, check_header

def policy(data: bytes) -> None:
    with contextlib.suppress(FieldkitError):
        parse_policy(data, "fuzz.toml")


def audit(data: bytes) -> None:
    # A directory per input: libFuzzer ends the process without running atexit, so nothing may outlive a call.
    with tempfile.TemporaryDirectory(prefix="fieldkit-fuzz-") as scratch, contextlib.suppress(FieldkitError):
        log = Path(scratch) / "log.jsonl"
        log.write_bytes(data)
        verify_export(read_export_with_key(log), trust_embedded_key=True)  # unpinned: reach every check


def age_header(data: bytes) -> None:
    with contextlib.suppress(AgeFormatError):
        check_header(data)


def codebook(data: bytes) -> None:
    try:
        parse_codebook_csv(data, "fuzz.csv")
        read_codes(parse_xml(data, "fuzz.qdc"), "fuzz.qdc")
    except FieldkitError:
        pass


_QDPX_TEMPLATE = (
    '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
    '<Code guid="{0}" name="{1}" isCodable="{2}"><Description>{3}</Description><NoteRef targetGUID="{4}"/>'
    '<Code guid="{5}" name="{6}" isCodable="{7}"/></Code></Codes></CodeBook><Sources>'
    '<TextSource guid="{8}" name="s" plainTextPath="{9}"><PlainTextSelection guid="{10}" startPosition="{11}"'
    ' endPosition="{12}"><Description>{13}</Description><Coding guid="{14}"><CodeRef targetGUID="{15}"/></Coding>'
    '</PlainTextSelection></TextSource></Sources><Notes><Note guid="{16}"><PlainTextContent>{17}</PlainTextContent>'
    "</Note></Notes></Project>"
)


def qdpx(data: bytes) -> None:
    """A .qdpx from another program. Bytes starting ``PK`` are the zip itself, ``<`` the project XML; any other
    input fills the attribute values of a whole project (GUIDs, positions, isCodable, paths), so the checks
    behind the XML parser are reached rather than only the parser."""
    if data.startswith(b"PK"):
        read = data
    else:
        if data.startswith(b"<"):
            xml = data
        else:
            provider = atheris.FuzzedDataProvider(data)
            guids, numbers = {0, 4, 5, 8, 10, 14, 15, 16}, {11, 12}
            values = []
            for slot in range(18):  # a well-formed value half the time, so later checks are reached too
                if provider.ConsumeBool():
                    values.append(provider.ConsumeUnicodeNoSurrogates(12))
                elif slot in guids:
                    values.append(["0f8fad5b-d9cb-469f-a165-70867728950e", "{7C9E6679-7425-40DE-944B-E07FC1F90AE7}"]
                                  [provider.ConsumeIntInRange(0, 1)])
                elif slot in numbers:
                    values.append(str(provider.ConsumeIntInRange(-2, 40)))
                else:
                    values.append(["true", "false", "a.txt", "x"][provider.ConsumeIntInRange(0, 3)])
            values[9] = "internal://" + values[9]
            xml = _QDPX_TEMPLATE.format(*(v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
                                          for v in values)).encode("utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("Study.qde", xml)
            archive.writestr("sources/a.txt", "Текст источника.")
        read = buffer.getvalue()
    with contextlib.suppress(FieldkitError):
        read_qdpx(read)


TARGETS = {"policy": policy, "audit": audit, "age_header": age_header, "codebook": codebook, "qdpx": qdpx}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
