"""Writes the audit-log test vectors (docs/audit-format.md) and MANIFEST.toml: one valid log, one file per
tamper class, each with the pins to verify it under and the exact verdict expected.

    .venv/bin/python -m tests.vectors.audit.generate      # rewrites the files in this folder

Ed25519 is deterministic and the keys come from fixed seeds, so running it again gives the same bytes;
tests/unit/test_audit_vectors.py checks that the committed files are what this script writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from fieldkit_board.chain import GENESIS, Entry, entry_hash, export_text, fingerprint, public_key_hex, sign

HERE = Path(__file__).parent
#: The project's audit key in these vectors (a seed anyone can recompute, never a real project's).
PRIVATE = hashlib.sha256(b"fieldkit audit test vector: project key").hexdigest()
FORGER = hashlib.sha256(b"fieldkit audit test vector: forger key").hexdigest()
PUBLIC = public_key_hex(PRIVATE)
FORGER_PUBLIC = public_key_hex(FORGER)


def chain(events: list[tuple[str, dict]], private: str = PRIVATE, start_minute: int = 0) -> list[Entry]:
    entries, prev = [], GENESIS
    for index, (event, data) in enumerate(events):
        seq = index + 1
        ts = f"2026-03-{1 + (start_minute + index) // 60:02d}T09:{(start_minute + index) % 60:02d}:00.000000Z"
        digest = entry_hash(seq, ts, event, data, prev)
        entries.append(Entry(seq, ts, event, data, prev, digest, sign(private, digest.encode())))
        prev = digest
    return entries


def resign(entries: list[Entry], private: str = PRIVATE) -> list[Entry]:
    """Renumber, relink, rehash and re-sign: what someone with the key (or with a key of their own) does."""
    out, prev = [], GENESIS
    for seq, entry in enumerate(entries, start=1):
        digest = entry_hash(seq, entry.ts, entry.event, entry.data, prev)
        out.append(Entry(seq, entry.ts, entry.event, entry.data, prev, digest, sign(private, digest.encode())))
        prev = digest
    return out


def project_events(public: str = PUBLIC, declare_first: bool = True) -> list[tuple[str, dict]]:
    created = {"policy": "reference-protocol.toml", "policy_sha256": "5a0c" * 16, "archive": True,
               "recipients": 1, "schema_version": 9}
    if declare_first:
        created["public_key"] = public
    return [
        ("project_created", created),
        ("respondent_added", {"respondent": "P1", "category": "P"}),
        ("consent_recorded", {"respondent": "P1", "script": "standard-oral", "mode": "oral", "scope": "all"}),
        ("object_stored", {"object": "a1" * 16, "kind": "linking_key", "respondent": "P1", "interview": None,
                           "plain_size": 61, "blob_size": 312}),
        ("object_stored", {"object": "b2" * 16, "kind": "audio", "respondent": "P1", "interview": "P1-1",
                           "plain_size": 480000, "blob_size": 480211}),
        ("transcript_made", {"interview": "P1-1", "respondent": "P1", "object": "c3" * 16, "model": "base",
                             "language": "ru", "segments": 42, "duration_s": 612.5}),
        ("transcript_approved", {"interview": "P1-1", "respondent": "P1", "object": "d4" * 16}),
        ("object_destroyed", {"object": "b2" * 16, "kind": "audio", "respondent": "P1", "interview": "P1-1",
                              "reason": "retention", "rule": "audio:transcript_approved:3d"}),
        ("export_made", {"format": "qdpx", "rows": 3, "sources": 1, "codings": 3, "encrypted": False,
                         "sha256": "e5" * 32, "duration_s": 1e-05}),
    ]


def text_of(entries: list[Entry], private: str = PRIVATE, public: str | None = None) -> str:
    return export_text(entries, public or public_key_hex(private), private)


def header_edited(text: str, **changes: object) -> str:
    lines = text.split("\n")
    header = json.loads(lines[0])
    header.update(changes)
    lines[0] = json.dumps(header, sort_keys=True)
    return "\n".join(lines)


def line_edited(text: str, number: int, edit) -> str:
    """Edit entry line ``number`` (1 = the first entry) as a dict, written back as fieldkit writes it."""
    lines = text.split("\n")
    raw = json.loads(lines[number])
    edit(raw)
    lines[number] = json.dumps(raw, sort_keys=True, ensure_ascii=True)
    return "\n".join(lines)


def vectors() -> tuple[dict[str, str], list[dict]]:
    valid_entries = chain(project_events())
    valid = text_of(valid_entries)
    files: dict[str, str] = {"valid.jsonl": valid}
    cases: list[dict] = []
    head3 = valid_entries[2].hash
    fp = fingerprint(PUBLIC)

    def case(file: str, verdict: str, comment: str, **pins: object) -> None:
        cases.append({"file": file, "verdict": verdict, "comment": comment, **pins})

    case("valid.jsonl", "OK", "pinned by the key", public_key=PUBLIC)
    case("valid.jsonl", "OK", "pinned by the fingerprint, as init prints it", fingerprint=fp)
    case("valid.jsonl", "OK", "pinned by a checkpoint after the key declaration (entry 1)",
         checkpoint=f"3:{head3[:20]}")
    case("valid.jsonl", "OK", "a checkpoint at the head, upper case", checkpoint=f"9:{valid_entries[8].hash.upper()}")
    case("valid.jsonl", "UNPINNED", "no pin at all")
    case("valid.jsonl", "OK_UNPINNED", "no pin, told to trust the file's own key", trust_embedded_key=True)
    case("valid.jsonl", "KEY_MISMATCH", "pinned to another project's key", public_key=FORGER_PUBLIC)
    case("valid.jsonl", "CHECKPOINT_MISMATCH", "a checkpoint this log does not extend", public_key=PUBLIC,
         checkpoint="3:" + "0" * 20)
    case("valid.jsonl", "TRUNCATED_BEFORE_CHECKPOINT", "the board saw 12 entries; this log has 9",
         public_key=PUBLIC, checkpoint="12:" + "0" * 20)

    files["valid-no-final-newline.jsonl"] = valid.rstrip("\n")
    case("valid-no-final-newline.jsonl", "OK", "the final newline is optional", public_key=PUBLIC)

    late = chain([*project_events(declare_first=False)[:6], ("audit_key_declared", {"public_key": PUBLIC}),
                  *project_events(declare_first=False)[6:]])
    files["valid-declared-late.jsonl"] = text_of(late)
    case("valid-declared-late.jsonl", "UNPINNED", "an older project: the checkpoint (3) precedes the declaration (7)",
         checkpoint=f"3:{late[2].hash[:20]}")
    case("valid-declared-late.jsonl", "OK", "a checkpoint at the declaration pins the key",
         checkpoint=f"7:{late[6].hash[:20]}")

    files["value-changed.jsonl"] = line_edited(valid, 5, lambda raw: raw["data"].update(plain_size=1))
    case("value-changed.jsonl", "BAD_HASH", "a value in entry 5 changed", public_key=PUBLIC)

    lines = valid.split("\n")
    files["entry-removed.jsonl"] = "\n".join(lines[:4] + lines[5:])
    case("entry-removed.jsonl", "SEQUENCE", "entry 4 removed", public_key=PUBLIC)
    files["reordered.jsonl"] = "\n".join(lines[:4] + [lines[5], lines[4]] + lines[6:])
    case("reordered.jsonl", "SEQUENCE", "entries 4 and 5 swapped", public_key=PUBLIC)
    files["duplicated.jsonl"] = "\n".join(lines[:5] + [lines[4]] + lines[5:])
    case("duplicated.jsonl", "SEQUENCE", "entry 4 twice", public_key=PUBLIC)
    files["truncated.jsonl"] = "\n".join(lines[:8]) + "\n"
    case("truncated.jsonl", "LENGTH_MISMATCH", "the last two entries removed", public_key=PUBLIC)
    files["truncated-header-edited.jsonl"] = header_edited(files["truncated.jsonl"], entries=7,
                                                           head=valid_entries[6].hash)
    case("truncated-header-edited.jsonl", "BAD_HEADER_SIGNATURE",
         "the last two entries removed and the header's count and head edited to fit", public_key=PUBLIC)

    # the forgery: a fresh key, the linking key's storage dropped, a destruction appended, all re-signed
    forged_events = [e for e in project_events(public=FORGER_PUBLIC) if e[1].get("kind") != "linking_key"]
    forged_events.append(("object_destroyed", {"object": "a1" * 16, "kind": "linking_key", "respondent": "P1",
                                               "interview": None, "reason": "retention",
                                               "rule": "linking_key:project_end:30d"}))
    files["resigned-other-key.jsonl"] = text_of(chain(forged_events, FORGER), FORGER)
    case("resigned-other-key.jsonl", "KEY_MISMATCH", "re-signed with another key, pinned by the real key",
         public_key=PUBLIC)
    case("resigned-other-key.jsonl", "KEY_MISMATCH", "the same, pinned by the real fingerprint", fingerprint=fp)
    case("resigned-other-key.jsonl", "CHECKPOINT_MISMATCH", "the same, pinned only by a checkpoint sent home",
         checkpoint=f"3:{head3[:20]}")
    case("resigned-other-key.jsonl", "UNPINNED", "the same, unpinned: refused")
    case("resigned-other-key.jsonl", "OK_UNPINNED", "the same, trusting the file's key: consistent, labelled",
         trust_embedded_key=True)
    kept = resign([*valid_entries[:3], *valid_entries[4:]], FORGER)
    files["resigned-keeping-declaration.jsonl"] = text_of(kept, FORGER)
    case("resigned-keeping-declaration.jsonl", "KEY_MISMATCH",
         "re-signed with another key but entry 1 still declares the real one: caught even unpinned")

    files["extra-field.jsonl"] = line_edited(valid, 2, lambda raw: raw.update(note="x"))
    case("extra-field.jsonl", "MALFORMED", "an extra key in entry 2", public_key=PUBLIC)
    files["forbidden-field.jsonl"] = text_of(resign([*valid_entries[:1], replace(
        valid_entries[1], data={**valid_entries[1].data, "name": "Ivan"}), *valid_entries[2:]]))
    case("forbidden-field.jsonl", "FORBIDDEN_DATA", "a field outside the list, re-hashed and re-signed",
         public_key=PUBLIC)
    files["free-text.jsonl"] = text_of(resign([*valid_entries[:1], replace(
        valid_entries[1], data={**valid_entries[1].data, "respondent": "Ivan Petrov"}), *valid_entries[2:]]))
    case("free-text.jsonl", "FORBIDDEN_DATA", "free text (a space) in a value, re-hashed and re-signed",
         public_key=PUBLIC)
    files["non-ascii.jsonl"] = text_of(resign([*valid_entries[:1], replace(
        valid_entries[1], data={**valid_entries[1].data, "respondent": "Иван"}), *valid_entries[2:]]))
    case("non-ascii.jsonl", "FORBIDDEN_DATA", "a Cyrillic value (escaped in JSON), re-hashed and re-signed",
         public_key=PUBLIC)

    rebuilt = replace(valid_entries[2], data={**valid_entries[2].data, "scope": "audio"})
    rebuilt = replace(rebuilt, hash=entry_hash(3, rebuilt.ts, rebuilt.event, rebuilt.data, rebuilt.prev))
    rebuilt = replace(rebuilt, sig=sign(PRIVATE, rebuilt.hash.encode()))
    files["broken-link.jsonl"] = text_of([*valid_entries[:2], rebuilt, *valid_entries[3:]])
    case("broken-link.jsonl", "BROKEN_LINK", "entry 3 rebuilt and re-signed; entry 4 no longer follows it",
         public_key=PUBLIC)

    files["bad-signature.jsonl"] = line_edited(
        valid, 4, lambda raw: raw.update(sig=sign(FORGER, raw["hash"].encode())))
    case("bad-signature.jsonl", "BAD_SIGNATURE", "entry 4 signed by another key", public_key=PUBLIC)
    files["unsigned-entry.jsonl"] = line_edited(valid, 4, lambda raw: raw.update(sig=None))
    case("unsigned-entry.jsonl", "BAD_SIGNATURE", "entry 4's signature stripped (null)", public_key=PUBLIC)
    files["signature-upper-case.jsonl"] = line_edited(valid, 4, lambda raw: raw.update(sig=raw["sig"].upper()))
    case("signature-upper-case.jsonl", "BAD_SIGNATURE", "a signature is valid only in lower-case hex",
         public_key=PUBLIC)

    files["empty.jsonl"] = text_of([])
    case("empty.jsonl", "EMPTY", "a signed header and no entries", public_key=PUBLIC)

    files["not-json.jsonl"] = "\n".join(lines[:3] + ['{"seq": 3, '] + lines[4:])
    case("not-json.jsonl", "MALFORMED", "entry 3 cut mid-line", public_key=PUBLIC)
    files["no-header.jsonl"] = "\n".join(lines[1:])
    case("no-header.jsonl", "MALFORMED", "the header line removed", public_key=PUBLIC)
    files["duplicate-key.jsonl"] = "\n".join(
        lines[:2] + [lines[2].replace('"seq": 2', '"seq": 2, "seq": 2')] + lines[3:])
    case("duplicate-key.jsonl", "MALFORMED", "a key twice in entry 2", public_key=PUBLIC)
    files["seq-as-text.jsonl"] = line_edited(valid, 2, lambda raw: raw.update(seq="2"))
    case("seq-as-text.jsonl", "MALFORMED", "seq written as a string", public_key=PUBLIC)
    files["seq-as-float.jsonl"] = "\n".join(lines[:2] + [lines[2].replace('"seq": 2', '"seq": 2.0')] + lines[3:])
    case("seq-as-float.jsonl", "MALFORMED", "seq written as 2.0", public_key=PUBLIC)
    files["bad-timestamp.jsonl"] = line_edited(valid, 2, lambda raw: raw.update(ts="2026-03-01 09:01:00"))
    case("bad-timestamp.jsonl", "MALFORMED", "ts not in the one allowed form", public_key=PUBLIC)
    files["nan.jsonl"] = "\n".join(lines[:6] + [lines[6].replace('"duration_s": 612.5', '"duration_s": NaN')]
                                   + lines[7:])
    case("nan.jsonl", "MALFORMED", "NaN is not JSON", public_key=PUBLIC)
    files["crlf.jsonl"] = valid.replace("\n", "\r\n")
    case("crlf.jsonl", "MALFORMED", "line ends changed to CRLF", public_key=PUBLIC)
    files["blank-line.jsonl"] = "\n".join(lines[:3] + [""] + lines[3:])
    case("blank-line.jsonl", "MALFORMED", "an empty line between entries", public_key=PUBLIC)
    files["header-version-2.jsonl"] = header_edited(valid, fieldkit_audit_export=2)
    case("header-version-2.jsonl", "MALFORMED", "an unknown format version", public_key=PUBLIC)
    files["float-rewritten.jsonl"] = valid.replace('"duration_s": 1e-05', '"duration_s": 1E-05')
    case("float-rewritten.jsonl", "FORBIDDEN_DATA", "a float's text changed (1E-05 for 1e-05), value equal",
         public_key=PUBLIC)
    files["escaped-ascii.jsonl"] = "\n".join(lines[:2] + [lines[2].replace('"respondent": "P1"',
                                                                         '"respondent": "\\u0050\\u0031"')]
                                             + lines[3:])
    case("escaped-ascii.jsonl", "OK", "a value written with JSON escapes for plain ASCII (\\u0050 is P): same value",
         public_key=PUBLIC)
    files["header-key-upper-case.jsonl"] = header_edited(valid, public_key=PUBLIC.upper())
    case("header-key-upper-case.jsonl", "MALFORMED", "the header's key in upper case", public_key=PUBLIC)
    files["header-negative-count.jsonl"] = header_edited(valid, entries=-1)
    case("header-negative-count.jsonl", "MALFORMED", "a negative entry count", public_key=PUBLIC)
    return files, cases


def manifest_text(cases: list[dict]) -> str:
    out = [
        "# Audit-log test vectors (docs/audit-format.md). Written by generate.py; do not edit by hand.",
        f'# The project key: public_key = "{PUBLIC}"',
        f'# its fingerprint: "{fingerprint(PUBLIC)}"; the forger key: "{FORGER_PUBLIC}"',
        "",
    ]
    for item in cases:
        out.append("[[vector]]")
        for key in ("file", "public_key", "fingerprint", "checkpoint", "trust_embedded_key", "verdict", "comment"):
            if key in item:
                value = item[key]
                out.append(f"{key} = {'true' if value is True else json.dumps(value, ensure_ascii=False)}")
        out.append("")
    return "\n".join(out)


def write(folder: Path = HERE) -> None:
    files, cases = vectors()
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    (folder / "MANIFEST.toml").write_text(manifest_text(cases), encoding="utf-8")


if __name__ == "__main__":
    write()
