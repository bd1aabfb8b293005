"""Share a codebook with a team: REFI-QDA .qdc (any QDA program) or CSV (a spreadsheet)."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from fieldkit import __version__
from fieldkit.coding.codebook import CodeSpec, ImportResult, import_codes, list_codes
from fieldkit.errors import UsageError
from fieldkit.export.refi import ExportGuids, XmlCode, codebook_xml, parse_xml, read_codes, read_qdpx
from fieldkit.export.tabular import cell
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import Project

CSV_COLUMNS = ("name", "parent", "description", "colour", "guid")
_ALIASES = {"color": "colour", "code": "name", "id": "guid"}
MAX_CODEBOOK_BYTES = 64 * 1024 * 1024


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".qdc", ".xml"):
        return "qdc"
    if suffix in (".csv", ".qdpx"):
        return suffix[1:]
    raise UsageError(f"cannot tell the codebook format of {path.name}", "use a .qdc, .qdpx or .csv file")


def codebook_bytes(project: Project, fmt: str) -> bytes:
    """The codebook as a .qdc or .csv. Its GUIDs are random and new for each file (never the codes' ids in the
    vault), so two codebook files, or a codebook and an excerpt export, cannot be linked by them; importing a
    file fieldkit wrote matches its codes by name (see `import_codes`)."""
    codes = list_codes(project)
    guids = ExportGuids()
    if fmt == "qdc":
        return codebook_xml([XmlCode(guids(c.id), c.name, c.colour, c.description,
                                     guids(c.parent) if c.parent else None) for c in codes],
                            f"fieldkit {__version__}")
    names = {c.id: c.name for c in codes}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for code in codes:
        writer.writerow(cell(v) for v in (code.name, names.get(code.parent, ""), code.description, code.colour,
                                          guids(code.id)))
    return buffer.getvalue().encode("utf-8")


def export_codebook(project: Project, out: Path) -> tuple[int, str]:
    """Write the codebook (no excerpts, no respondents) and log it; returns the number of codes and the hash."""
    from fieldkit.export.gates import check_destination

    out = check_destination(project, out)
    fmt = _format_of(out)
    if fmt == "qdpx":
        raise UsageError("a codebook is written as .qdc or .csv", "use `fieldkit export --format qdpx` for a project")
    from fieldkit.export.gates import blocked, free_text_problems

    problems = free_text_problems(project, [], {}, memos=False)
    if problems:
        raise blocked(problems, "codebooks travel between people: fix each code named above")
    data = codebook_bytes(project, fmt)
    digest = hashlib.sha256(data).hexdigest()
    count = len(list_codes(project))
    write_atomic(out, data)
    try:
        with project.transaction():
            project.audit.append("codebook_exported", format=fmt, rows=count, sha256=digest)
    except BaseException:
        out.unlink(missing_ok=True)  # a file the log does not record must not exist
        raise
    return count, digest


def parse_codebook_csv(data: bytes, name: str) -> list[CodeSpec]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text", "save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [_ALIASES.get((h or "").strip().lower(), (h or "").strip().lower()) for h in reader.fieldnames or ()]
    if "name" not in header:
        raise UsageError(f"{name}: the first row must name the columns, with at least 'name'",
                         f"columns: {', '.join(CSV_COLUMNS)}")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise UsageError(f"{name}: unknown column {unknown[0]!r}", f"columns: {', '.join(CSV_COLUMNS)}")
    reader.fieldnames = header
    specs = []
    for row_number, row in enumerate(reader, start=2):
        if None in row:
            raise UsageError(f"{name}:{row_number}: more cells than columns", "quote cells that hold commas")
        if not any((v or "").strip() for v in row.values()):
            continue
        specs.append(CodeSpec(name=row.get("name") or "", guid=(row.get("guid") or "").strip() or None,
                              description=row.get("description") or "",
                              colour=(row.get("colour") or "").strip() or None,
                              parent=(row.get("parent") or "").strip() or None, where=f"{name}:{row_number}"))
    return specs


def read_codebook(path: Path) -> list[CodeSpec]:
    fmt = _format_of(path)
    try:
        if path.stat().st_size > MAX_CODEBOOK_BYTES:
            raise UsageError(f"{path.name} is too large for a codebook", "export the codebook alone (.qdc or .csv)")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path.name}: {exc.strerror or 'read error'}",
                         "check the path and that the file is readable; nothing was imported") from exc
    if fmt == "csv":
        return parse_codebook_csv(data, path.name)
    codes = read_qdpx(data).codes if fmt == "qdpx" else read_codes(parse_xml(data, path.name), path.name)
    if not codes and fmt == "qdc":
        root = parse_xml(data, path.name)
        if not root.tag.endswith("CodeBook"):
            raise UsageError(f"{path.name} is not a REFI-QDA codebook (root element {root.tag!r})",
                             "give a .qdc codebook, a .qdpx project or a .csv")
    return [CodeSpec(c.name, c.guid, c.description, c.colour, c.parent, f"{path.name}: code {c.name!r}")
            for c in codes]


def import_codebook(project: Project, path: Path) -> ImportResult:
    return import_codes(project, read_codebook(path))
