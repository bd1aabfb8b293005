"""Share a codebook with a team: REFI-QDA .qdc (any QDA program) or CSV (a spreadsheet)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from pathlib import Path

from fieldkit import __version__
from fieldkit.coding.codebook import (
    PATH_SEPARATOR,
    CodeSpec,
    ImportPlan,
    ImportResult,
    apply_import,
    dotted_path,
    guid_or_none,
    list_codes,
    plan_import,
)
from fieldkit.errors import UsageError
from fieldkit.export.refi import ExportGuids, XmlCode, codebook_xml, parse_xml, read_codes, read_qdpx
from fieldkit.export.tabular import cell, uncell
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import Project

#: The CSV codebook's columns. ``path`` is the code's place in the tree, names joined by ``.`` (Taguette's
#: sub-tag form, and sortable in a spreadsheet); it is the only name column, since Taguette refuses a file with
#: more than one of tag, name and path. ``parent`` (the parent's path) says where a name holding a dot splits.
CSV_COLUMNS = ("path", "description", "colour", "codable", "parent", "guid")
#: Read too: ``name`` (fieldkit before 0.20 and most spreadsheets), ``tag`` (Taguette's export).
_NAME_COLUMNS = ("path", "name", "tag")
_READ_COLUMNS = (*CSV_COLUMNS, "name", "tag")
_IGNORED_COLUMNS = ("number of highlights", "number of documents")  # Taguette's counts: nothing to import
_ALIASES = {"color": "colour", "code": "name", "id": "guid"}
_YES, _NO = ("yes", "true", "1", "y"), ("no", "false", "0", "n")
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
    file fieldkit wrote matches its codes by name (see `plan_import`)."""
    codes = list_codes(project)
    guids = ExportGuids()
    if fmt == "qdc":
        return codebook_xml([XmlCode(guids(c.id), c.name, c.colour, c.description,
                                     guids(c.parent) if c.parent else None, codable=c.codable) for c in codes],
                            f"fieldkit {__version__}")
    by_id = {c.id: c for c in codes}
    paths = {c.id: dotted_path(c, by_id) for c in codes}
    shared = Counter(paths.values())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for code in codes:
        # the parent's path, unless another code has the same path ("a.b" named so, and "b" under "a"): then
        # the parent's GUID in this file, which says exactly which
        parent = paths.get(code.parent, "")
        if parent and shared[parent] > 1:
            parent = guids(code.parent)
        writer.writerow(cell(_one_line_end(v)) for v in (paths[code.id], code.description, code.colour,
                                                         "yes" if code.codable else "no", parent, guids(code.id)))
    return buffer.getvalue().encode("utf-8")


def _one_line_end(value: str) -> str:
    """LF for every line end: a lone CR in a cell would end the row for a spreadsheet (text stored before
    descriptions were normalised may hold one)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


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


def _codable_cell(value: str, where: str) -> bool | None:
    value = value.strip().lower()
    if not value:
        return None
    if value in _YES or value in _NO:
        return value in _YES
    raise UsageError(f"{where}: codable is {value!r}", "write yes or no (no: a category that only groups codes)")


def _split_path(path: str, parent: str, paths: set[str], guid_paths: dict[str, str], has_parent: bool,
                where: str) -> tuple[str, str | None]:
    """A path's (name, parent): with a parent column, split where it says (a path without a dot is a name);
    without one (Taguette), the parent is the longest prefix before a dot that is itself a path in the file,
    else the code has none and the whole path is its name."""
    if not has_parent:
        prefixes = [path[:i] for i, ch in enumerate(path) if ch == PATH_SEPARATOR and path[:i] in paths]
        parent = max(prefixes, key=len, default="")
    if not parent:
        return path, None
    original = parent
    parent = guid_paths.get(guid_or_none(parent) or "", parent)  # a parent given by its GUID: split after its path
    if path.startswith(parent + PATH_SEPARATOR):
        return path[len(parent) + 1:], original
    if PATH_SEPARATOR not in path:
        return path, original  # a name in the path column, its parent named beside it
    raise UsageError(f"{where}: path {path!r} does not start with its parent {parent!r}",
                     "write the path as the parent's path, a dot, and the code's name; nothing was imported")


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM allowed), or Windows-1251: what Excel's plain "CSV" writes in a Russian locale. The fallback
    is taken only when it yields Cyrillic words (no letter of another script inside one), so a file in some
    other encoding is refused, not garbled."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            text = ""
        mixed = re.search("[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]", text)  # "Дrger": Latin-1 misread
        if re.search("[\u0400-\u04ff]{2}", text) and not mixed and not re.search("[\u0080-\u009f]", text):
            return text
        raise UsageError(f"{name}: not UTF-8 text", "save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)") from exc


def _delimiter(text: str) -> str:
    """Comma, or what the header row uses instead: a spreadsheet saved in a Russian or Kazakh locale separates
    cells with semicolons, and a copy from a table with tabs."""
    header = text.split("\n", 1)[0]
    for candidate in (";", "\t"):
        if candidate in header and "," not in header:
            return candidate
    return ","


def parse_codebook_csv(data: bytes, name: str) -> list[CodeSpec]:
    """A CSV codebook: fieldkit's (path, ...), an older one or a spreadsheet's (name, parent, ...), or
    Taguette's (tag, description). An empty cell says nothing: the project's value stays."""
    text = _decode(data, name)
    csv.field_size_limit(MAX_CODEBOOK_BYTES)  # a description may be long (the default stops at 128 KiB)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        fieldnames = reader.fieldnames or ()
    except csv.Error as exc:
        raise UsageError(f"{name}: not a CSV file ({exc})", f"columns: {', '.join(CSV_COLUMNS)}") from exc
    header = [_ALIASES.get((h or "").strip().lower(), (h or "").strip().lower()) for h in fieldnames]
    named = [h for h in _NAME_COLUMNS if h in header]
    if not named:
        raise UsageError(f"{name}: the first row must name the columns, with 'path' or 'name'",
                         f"columns: {', '.join(CSV_COLUMNS)}")
    if len(named) > 1:
        raise UsageError(f"{name}: columns {' and '.join(repr(n) for n in named)} both name the code",
                         "keep one: 'path' (the place in the tree) or 'name' with 'parent'")
    unknown = [h for h in header if h not in _READ_COLUMNS and h not in _IGNORED_COLUMNS]
    if unknown:
        raise UsageError(f"{name}: unknown column {unknown[0]!r}", f"columns: {', '.join(CSV_COLUMNS)}")
    if len(set(header)) < len(header):
        raise UsageError(f"{name}: a column appears twice", f"columns: {', '.join(CSV_COLUMNS)}")
    reader.fieldnames = ["path" if h == "tag" else h for h in header]
    rows = []
    try:
        for row_number, row in enumerate(reader, start=2):
            if None in row:
                raise UsageError(f"{name}:{row_number}: more cells than columns", "quote cells that hold commas")
            if any((v or "").strip() for v in row.values()):
                rows.append((row_number, {k: uncell(v) for k, v in row.items()}))
    except csv.Error as exc:
        raise UsageError(f"{name}: not a CSV file ({exc})", "save it as CSV from a spreadsheet") from exc
    paths = {(row.get("path") or "").strip() for _, row in rows}
    guid_paths = {guid: (row.get("path") or "").strip() for _, row in rows
                  if row.get("path") and (guid := guid_or_none(row.get("guid") or ""))}
    specs = []
    for row_number, row in rows:
        where = f"{name}:{row_number}"
        path = None
        if "name" in header:
            code_name, parent = row.get("name") or "", (row.get("parent") or "").strip() or None
        else:
            path = (row.get("path") or "").strip()
            code_name, parent = _split_path(path, (row.get("parent") or "").strip(), paths, guid_paths,
                                            "parent" in header, where)
        specs.append(CodeSpec(name=code_name, guid=(row.get("guid") or "").strip() or None,
                              description=(row.get("description") or "").strip() or None,
                              colour=(row.get("colour") or "").strip() or None, parent=parent,
                              codable=_codable_cell(row.get("codable") or "", where), where=where, path=path))
    return specs


def read_codebook(path: Path) -> tuple[list[CodeSpec], str, str]:
    """The codes a file carries, its format and the SHA-256 of its bytes (for the audit log)."""
    fmt = _format_of(path)
    try:
        if path.stat().st_size > MAX_CODEBOOK_BYTES:
            raise UsageError(f"{path.name} is too large for a codebook", "export the codebook alone (.qdc or .csv)")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path.name}: {exc.strerror or 'read error'}",
                         "check the path and that the file is readable; nothing was imported") from exc
    digest = hashlib.sha256(data).hexdigest()
    if fmt == "csv":
        return parse_codebook_csv(data, path.name), fmt, digest
    if fmt == "qdpx":
        codes = read_qdpx(data, texts=False).codes
    else:
        root = parse_xml(data, path.name)
        if not root.tag.endswith("CodeBook") and not root.tag.endswith("Project"):
            raise UsageError(f"{path.name} is not a REFI-QDA codebook (root element {root.tag!r})",
                             "give a .qdc codebook, a .qdpx project or a .csv")
        codes = read_codes(root, path.name)
    return [CodeSpec(c.name, c.guid, c.description.strip() or None, c.colour, c.parent, c.codable,
                     f"{path.name}: code {c.name!r}") for c in codes], fmt, digest


def plan_codebook_import(project: Project, path: Path) -> tuple[ImportPlan, str, str]:
    """What importing ``path`` would change (nothing is written), with the file's format and hash."""
    specs, fmt, digest = read_codebook(path)
    return plan_import(project, specs), fmt, digest


def import_codebook(project: Project, path: Path) -> ImportResult:
    """Plan and apply without asking: the CLI asks first (see `fieldkit code import`)."""
    plan, fmt, digest = plan_codebook_import(project, path)
    return apply_import(project, plan, format=fmt, sha256=digest)
