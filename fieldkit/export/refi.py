"""REFI-QDA XML (QDA-XML 1.0): the project file inside a .qdpx and the codebook .qdc.

Writers follow the schema's element order exactly; importers in the wild (NVivo, ATLAS.ti, MAXQDA,
QualCoder) are stricter than the schema about some things, handled here:
- source texts live in a lowercase ``sources/`` folder (ATLAS.ti rejects any other case);
- plain-text sources carry ``plainTextPath`` only, never ``richTextPath``;
- every code carries ``isCodable``;
- optional CRLF line endings for MAXQDA, with positions recomputed for the longer text.
Positions are code points (not bytes), end excluded.
"""

from __future__ import annotations

import io
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from fieldkit.errors import UsageError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources/"
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # a larger member in a .qdpx read back is refused (zip bombs)
MAX_CODE_DEPTH = 64  # codes nested deeper are refused (no codebook needs it; a hostile one could nest thousands)
_QDA_HINT = "give a .qdc or .qdpx file written by a QDA program (REFI-QDA 1.0); nothing was imported"


@dataclass(frozen=True)
class XmlCode:
    guid: str
    name: str
    colour: str | None = None
    description: str = ""
    parent: str | None = None
    note: str | None = None  # GUID of the memo's Note
    memo: str = ""  # the code's memo, written into its Description too (QualCoder reads only that)
    codable: bool | None = True  # False: a category that groups codes (isCodable="false"); None: not said


@dataclass(frozen=True)
class XmlCoding:
    guid: str
    code: str  # the Code's GUID
    note: str | None = None  # GUID of the coding memo's Note


@dataclass(frozen=True)
class XmlSelection:
    guid: str
    start: int
    end: int
    codings: tuple[XmlCoding, ...]
    name: str = ""
    description: str = ""  # what importers show as the coding memo: the memo, then whether it may be quoted
    notes: tuple[str, ...] = ()  # selection-level NoteRefs (read from other programs' files)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(coding.code for coding in self.codings)


@dataclass
class XmlSource:
    guid: str
    name: str
    text: str
    selections: list[XmlSelection] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # variable name → text value


@dataclass
class XmlCase:
    guid: str
    name: str
    sources: list[str]
    variables: dict[str, str] = field(default_factory=dict)


@dataclass
class XmlProject:
    name: str
    origin: str
    created: str
    user: str
    codes: list[XmlCode] = field(default_factory=list)
    sources: list[XmlSource] = field(default_factory=list)
    cases: list[XmlCase] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # note GUID → text
    variables: list[str] = field(default_factory=list)  # text variables, in order


def new_guid() -> str:
    """A random GUID (UUIDv4): derived from nothing, so it says nothing about the project or the laptop."""
    return str(uuid.uuid4())


class ExportGuids:
    """The GUIDs of one export file: a fresh random GUID for each key the first time it is asked for, the same
    one for the same key after that. References inside the file agree (a CodeRef names its Code's GUID, a
    selection sits in its source) while no GUID is shared with another export, derived from public data (the
    audit key in fieldkit.toml), or equal to an id inside the vault — any of which would let an export be
    linked to the laptop it came from, or to the same researcher's other exports. Keep one per export only."""

    def __init__(self) -> None:
        self._given: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if key not in self._given:
            self._given[key] = new_guid()
        return self._given[key]


def with_crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def crlf_position(text: str, position: int) -> int:
    """Where ``position`` in an LF text lands once every LF before it has become CRLF."""
    return position + text.count("\n", 0, position)


def _el(parent: ET.Element, ns: str, tag: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v is not None})


def _text(parent: ET.Element, ns: str, tag: str, value: str) -> None:
    _el(parent, ns, tag).text = value


def qda_datetime(moment: datetime) -> str:
    """A REFI-QDA date: UTC, whole seconds, ``Z`` (MAXQDA and QualCoder write no fractions and some readers
    refuse them)."""
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def code_description(code: XmlCode) -> str:
    """The code's Description: its description, then its memo after a blank line when the memo is exported.
    QualCoder shows a code's Description as its memo and reads no NoteRef on a code."""
    return "\n\n".join(part for part in (code.description, code.memo) if part)


def _codes(parent: ET.Element, ns: str, codes: list[XmlCode]) -> None:
    children: dict[str | None, list[XmlCode]] = {}
    known = {c.guid for c in codes}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)
    holder = _el(_el(parent, ns, "CodeBook") if ns == PROJECT_NS else parent, ns, "Codes")

    def add(where: ET.Element, code: XmlCode) -> None:
        codable = "false" if code.codable is False else "true"
        element = _el(where, ns, "Code", guid=code.guid, name=code.name, isCodable=codable, color=code.colour)
        description = code_description(code)
        if description:
            _text(element, ns, "Description", description)
        if code.note and ns == PROJECT_NS:
            _el(element, ns, "NoteRef", targetGUID=code.note)
        for child in children.get(code.guid, []):
            add(element, child)

    for code in children.get(None, []):
        add(holder, code)


def _serialise(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_xml(codes: list[XmlCode], origin: str) -> bytes:
    """A REFI-QDA codebook (.qdc)."""
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": origin})
    if codes:
        _codes(root, CODEBOOK_NS, codes)
    return _serialise(root, CODEBOOK_NS)


def _variable_values(parent: ET.Element, values: dict[str, str], variable_guids: dict[str, str]) -> None:
    for name, value in values.items():
        holder = _el(parent, PROJECT_NS, "VariableValue")
        _el(holder, PROJECT_NS, "VariableRef", targetGUID=variable_guids[name])
        _text(holder, PROJECT_NS, "TextValue", value)


def project_xml(project: XmlProject, variable_guids: dict[str, str], source_paths: dict[str, str]) -> bytes:
    ns = PROJECT_NS
    # Who and when, on everything that has them: MAXQDA and QualCoder show them and fall back to "now" and an
    # unknown coder without them. One pseudonymous user, one (coarsened) date for the whole file.
    stamp = {"creatingUser": project.user, "creationDateTime": project.created}
    modified = {"modifyingUser": project.user, "modifiedDateTime": project.created}
    root = ET.Element(f"{{{ns}}}Project", {"name": project.name, "origin": project.origin,
                                           "creatingUserGUID": project.user, "creationDateTime": project.created,
                                           "modifyingUserGUID": project.user, "modifiedDateTime": project.created})
    _el(_el(root, ns, "Users"), ns, "User", guid=project.user, name="fieldkit")
    if project.codes:
        _codes(root, ns, project.codes)
    if project.variables:
        variables = _el(root, ns, "Variables")
        for name in project.variables:
            _el(variables, ns, "Variable", guid=variable_guids[name], name=name, typeOfVariable="Text")
    if project.cases:
        cases = _el(root, ns, "Cases")
        for case in project.cases:
            element = _el(cases, ns, "Case", guid=case.guid, name=case.name)
            _variable_values(element, case.variables, variable_guids)
            for source in case.sources:
                _el(element, ns, "SourceRef", targetGUID=source)
    if project.sources:
        sources = _el(root, ns, "Sources")
        for source in project.sources:
            element = _el(sources, ns, "TextSource", guid=source.guid, name=source.name,
                          plainTextPath=source_paths[source.guid], **stamp, **modified)
            for selection in source.selections:
                chosen = _el(element, ns, "PlainTextSelection", guid=selection.guid, name=selection.name,
                             startPosition=str(selection.start), endPosition=str(selection.end), **stamp, **modified)
                if selection.description:  # the schema puts Description first
                    _text(chosen, ns, "Description", selection.description)
                for coding in selection.codings:
                    element_coding = _el(chosen, ns, "Coding", guid=coding.guid, **stamp)
                    _el(element_coding, ns, "CodeRef", targetGUID=coding.code)
                    if coding.note:
                        _el(element_coding, ns, "NoteRef", targetGUID=coding.note)
                for note in selection.notes:
                    _el(chosen, ns, "NoteRef", targetGUID=note)
            _variable_values(element, source.variables, variable_guids)
    if project.notes:
        notes = _el(root, ns, "Notes")
        for guid, text in project.notes.items():
            note = _el(notes, ns, "Note", guid=guid, name="Memo", **stamp, **modified)
            _text(note, ns, "PlainTextContent", text)
    return _serialise(root, ns)


def qdpx_bytes(project: XmlProject, *, crlf: bool = False, timestamp: tuple[int, ...] = (2026, 1, 1, 0, 0, 0)) -> bytes:
    """The .qdpx zip: project.qde first, then one UTF-8 text per source under sources/."""
    variable_guids = {name: new_guid() for name in project.variables}  # random per export, like every GUID
    paths = {source.guid: f"internal://{source.guid}.txt" for source in project.sources}
    if crlf:
        converted = []
        for source in project.sources:
            selections = [replace(s, start=crlf_position(source.text, s.start), end=crlf_position(source.text, s.end))
                          for s in source.selections]
            converted.append(XmlSource(source.guid, source.name, with_crlf(source.text), selections, source.variables))
        project = replace(project, sources=converted)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        add(PROJECT_FILE, project_xml(project, variable_guids, paths))
        for source in project.sources:
            add(f"{SOURCES_FOLDER}{source.guid}.txt", source.text.encode("utf-8"))
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------------------
#
# Files come from other programs and other people: every attribute fieldkit uses is checked, and a bad one is
# a UsageError naming the element (never a ValueError from deep inside).


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "") if found else ""


def _describe(element: ET.Element) -> str:
    """How an error names an element: its tag and its name or GUID."""
    label = element.get("name") or element.get("guid")
    return f"{_local(element.tag)} {label!r}" if label else _local(element.tag)


def parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse XML from outside (a colleague's codebook, a .qdpx) without entity expansion or DTD tricks."""
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        return SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException, LookupError, ValueError) as exc:  # LookupError: unknown encoding
        raise UsageError(f"{what} is not valid REFI-QDA XML: {exc}", _QDA_HINT) from exc


def _guid(element: ET.Element, attribute: str, what: str) -> str:
    value = (element.get(attribute) or "").strip()
    try:
        return str(uuid.UUID(value.strip("{}")))
    except ValueError as exc:
        shown = f"{attribute}={value!r}" if value else f"no {attribute}"
        raise UsageError(f"{what}: {_describe(element)} has {shown}, not a GUID", _QDA_HINT) from exc


def _boolean(element: ET.Element, attribute: str, what: str) -> bool | None:
    """xsd:boolean: true, false, 1 or 0; None when absent."""
    value = element.get(attribute)
    if value is None:
        return None
    if value.strip() in ("true", "1"):
        return True
    if value.strip() in ("false", "0"):
        return False
    raise UsageError(f"{what}: {_describe(element)} has {attribute}={value!r}, not true or false", _QDA_HINT)


def _position(element: ET.Element, attribute: str, what: str) -> int:
    value = element.get(attribute)
    if value is None or not value.strip().isascii() or not value.strip().isdigit():
        shown = f"{attribute}={value!r}" if value is not None else f"no {attribute}"
        raise UsageError(f"{what}: {_describe(element)} has {shown}, not a whole number of characters",
                         _QDA_HINT)
    return int(value)


def read_codes(root: ET.Element, what: str, notes: dict[str, str] | None = None) -> list[XmlCode]:
    """Every Code under the first Codes element (a .qdc's or a project's CodeBook), parents first. With the
    project's ``notes``, a code's memo is split back off its Description (see `code_description`)."""
    holder = next((e for e in root.iter() if _local(e.tag) == "Codes"), None)
    if holder is None:
        return []
    codes: list[XmlCode] = []
    # depth first, parents before children, without recursion (a hostile file may nest thousands deep)
    stack: list[tuple[ET.Element, str | None, int]] = [(c, None, 1) for c in reversed(_children(holder, "Code"))]
    while stack:
        code, parent, depth = stack.pop()
        name = code.get("name")
        if not name or not name.strip():
            raise UsageError(f"{what}: {_describe(code)} has no name", _QDA_HINT)
        if depth > MAX_CODE_DEPTH:
            raise UsageError(f"{what}: {_describe(code)} is nested {depth} codes deep (at most {MAX_CODE_DEPTH})",
                             _QDA_HINT)
        guid = _guid(code, "guid", what)
        refs = _children(code, "NoteRef")
        note = refs[0].get("targetGUID") if refs else None
        description, memo = _child_text(code, "Description").strip(), ""
        memo_text = (notes or {}).get(note or "", "").strip()
        if memo_text and (description == memo_text or description.endswith("\n\n" + memo_text)):
            description, memo = description.removesuffix(memo_text).removesuffix("\n\n"), memo_text
        colour = (code.get("color") or "").strip() or None  # color="" says nothing
        codes.append(XmlCode(guid, name, colour, description, parent, note, memo, _boolean(code, "isCodable", what)))
        stack.extend((child, guid, depth + 1) for child in reversed(_children(code, "Code")))
    return codes


def _project_member(archive: zipfile.ZipFile) -> str:
    """The project XML's member name: the one ``*.qde`` in the archive, whatever its name (project.qde, or the
    project's name in some programs; QualCoder reads any). Two are refused, project.qde among them or not: which
    one was meant cannot be told, and picking one silently could import the wrong codebook."""
    found = [n for n in archive.namelist() if n.lower().endswith(".qde") and not n.endswith("/")
             and not n.startswith("__MACOSX/") and not n.rpartition("/")[2].startswith("._")]  # macOS zip litter
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError("the .qdpx holds no project file (*.qde)", _QDA_HINT)
    raise UsageError(f"the .qdpx holds {len(found)} project files ({', '.join(sorted(found)[:3])}); which one"
                     " is meant cannot be told", _QDA_HINT)


def read_qdpx(data: bytes, *, texts: bool = True) -> XmlProject:
    """Read a .qdpx: codes, sources with their text, selections with their codings, cases, memos. With
    ``texts=False`` the source texts are not read (a codebook import needs none), but every selection is still
    checked, so a damaged file is refused as a whole rather than half trusted."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UsageError("not a .qdpx file (not a zip archive)", _QDA_HINT) from exc
    by_lower = {n.lower(): n for n in archive.namelist()}

    def member(name: str) -> bytes:
        actual = by_lower.get(name.lower())  # "sources/" or "Sources/": programs differ
        if actual is None:
            raise UsageError(f"the .qdpx has no {name}", _QDA_HINT)
        info = archive.getinfo(actual)
        if info.file_size > MAX_MEMBER_BYTES:
            raise UsageError(f"{actual} in the .qdpx is too large", _QDA_HINT)
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, ValueError, OSError, EOFError,
                NotImplementedError) as exc:  # RuntimeError: an encrypted member
            raise UsageError(f"{actual} in the .qdpx cannot be read: {exc}", _QDA_HINT) from exc

    what = _project_member(archive)
    root = parse_xml(member(what), what)
    if _local(root.tag) != "Project":
        raise UsageError(f"{what} is not a REFI-QDA project (root element {_local(root.tag)!r})", _QDA_HINT)
    result = XmlProject(root.get("name", ""), root.get("origin", ""), root.get("creationDateTime", ""),
                        root.get("creatingUserGUID", ""))
    for note in (e for e in root.iter() if _local(e.tag) == "Note"):
        result.notes[note.get("guid", "")] = _child_text(note, "PlainTextContent")
    result.codes = read_codes(root, what, result.notes)
    variable_names = {v.get("guid"): v.get("name", "") for v in root.iter() if _local(v.tag) == "Variable"}
    result.variables = list(variable_names.values())

    def values(element: ET.Element) -> dict[str, str]:
        found = {}
        for value in _children(element, "VariableValue"):
            ref = _children(value, "VariableRef")
            if ref:
                found[variable_names.get(ref[0].get("targetGUID"), "")] = _child_text(value, "TextValue")
        return found

    for case in (e for e in root.iter() if _local(e.tag) == "Case"):
        result.cases.append(XmlCase(case.get("guid", ""), case.get("name", ""),
                                    [r.get("targetGUID", "") for r in _children(case, "SourceRef")], values(case)))
    for source in (e for e in root.iter() if _local(e.tag) == "TextSource"):
        path = source.get("plainTextPath", "")
        text = ""
        if texts:
            if path.startswith("internal://"):
                raw = member(SOURCES_FOLDER + path.removeprefix("internal://"))
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise UsageError(f"{what}: the text of {_describe(source)} is not UTF-8", _QDA_HINT) from exc
            else:
                text = _child_text(source, "PlainTextContent")
        read = XmlSource(source.get("guid", ""), source.get("name", ""), text, variables=values(source))
        for selection in _children(source, "PlainTextSelection"):
            start, end = _position(selection, "startPosition", what), _position(selection, "endPosition", what)
            if end < start or (texts and end > len(text)):
                raise UsageError(f"{what}: {_describe(selection)} runs from {start} to {end}, outside"
                                 f" {_describe(source)} ({len(text)} characters)" if texts else
                                 f"{what}: {_describe(selection)} ends ({end}) before it starts ({start})", _QDA_HINT)
            codings = []
            for coding in _children(selection, "Coding"):
                refs = _children(coding, "CodeRef")
                if not refs:
                    raise UsageError(f"{what}: a Coding in {_describe(selection)} has no CodeRef", _QDA_HINT)
                notes = _children(coding, "NoteRef")
                codings.append(XmlCoding(coding.get("guid", ""), _guid(refs[0], "targetGUID", what),
                                         notes[0].get("targetGUID") if notes else None))
            read.selections.append(XmlSelection(
                selection.get("guid", ""), start, end, tuple(codings), selection.get("name", ""),
                _child_text(selection, "Description"),
                tuple(ref.get("targetGUID", "") for ref in _children(selection, "NoteRef"))))
        result.sources.append(read)
    return result
