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
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from fieldkit.errors import UsageError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources/"
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # a larger member in a .qdpx read back is refused (zip bombs)
_QDA_HINT = "give a .qdc or .qdpx file written by a QDA program (REFI-QDA 1.0); nothing was imported"


@dataclass(frozen=True)
class XmlCode:
    guid: str
    name: str
    colour: str | None = None
    description: str = ""
    parent: str | None = None
    note: str | None = None  # GUID of a memo note


@dataclass(frozen=True)
class XmlSelection:
    guid: str
    start: int
    end: int
    codes: tuple[str, ...]
    name: str = ""
    notes: tuple[str, ...] = ()
    description: str = ""  # e.g. whether the excerpt may be quoted


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


def _codes(parent: ET.Element, ns: str, codes: list[XmlCode]) -> None:
    children: dict[str | None, list[XmlCode]] = {}
    known = {c.guid for c in codes}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)
    holder = _el(_el(parent, ns, "CodeBook") if ns == PROJECT_NS else parent, ns, "Codes")

    def add(where: ET.Element, code: XmlCode) -> None:
        element = _el(where, ns, "Code", guid=code.guid, name=code.name, isCodable="true", color=code.colour)
        if code.description:
            _text(element, ns, "Description", code.description)
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
    root = ET.Element(f"{{{ns}}}Project", {"name": project.name, "origin": project.origin,
                                           "creatingUserGUID": project.user, "creationDateTime": project.created})
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
                          plainTextPath=source_paths[source.guid], creatingUser=project.user,
                          creationDateTime=project.created)
            for selection in source.selections:
                chosen = _el(element, ns, "PlainTextSelection", guid=selection.guid, name=selection.name,
                             startPosition=str(selection.start), endPosition=str(selection.end),
                             creatingUser=project.user, creationDateTime=project.created)
                if selection.description:  # the schema puts Description first
                    _text(chosen, ns, "Description", selection.description)
                for code in selection.codes:
                    coding = _el(chosen, ns, "Coding", guid=new_guid())
                    _el(coding, ns, "CodeRef", targetGUID=code)
                for note in selection.notes:
                    _el(chosen, ns, "NoteRef", targetGUID=note)
            _variable_values(element, source.variables, variable_guids)
    if project.notes:
        notes = _el(root, ns, "Notes")
        for guid, text in project.notes.items():
            note = _el(notes, ns, "Note", guid=guid, name="Memo", creatingUser=project.user,
                       creationDateTime=project.created)
            _text(note, ns, "PlainTextContent", text)
    return _serialise(root, ns)


def qdpx_bytes(project: XmlProject, *, crlf: bool = False, timestamp: tuple[int, ...] = (2026, 1, 1, 0, 0, 0)) -> bytes:
    """The .qdpx zip: project.qde first, then one UTF-8 text per source under sources/."""
    variable_guids = {name: new_guid() for name in project.variables}  # random per export, like every GUID
    paths = {source.guid: f"internal://{source.guid}.txt" for source in project.sources}
    if crlf:
        converted = []
        for source in project.sources:
            selections = [XmlSelection(s.guid, crlf_position(source.text, s.start), crlf_position(source.text, s.end),
                                       s.codes, s.name, s.notes, s.description) for s in source.selections]
            converted.append(XmlSource(source.guid, source.name, with_crlf(source.text), selections, source.variables))
        project = XmlProject(project.name, project.origin, project.created, project.user, project.codes, converted,
                             project.cases, project.notes, project.variables)
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


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "") if found else ""


def parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse XML from outside (a colleague's codebook, a .qdpx) without entity expansion or DTD tricks."""
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        return SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise UsageError(f"{what} is not valid REFI-QDA XML: {exc}", _QDA_HINT) from exc


def read_codes(root: ET.Element, what: str) -> list[XmlCode]:
    """Every Code under the first Codes element (a .qdc's or a project's CodeBook), parents first."""
    holder = next((e for e in root.iter() if _local(e.tag) == "Codes"), None)
    if holder is None:
        return []
    codes: list[XmlCode] = []

    def walk(element: ET.Element, parent: str | None) -> None:
        for code in _children(element, "Code"):
            guid, name = code.get("guid"), code.get("name")
            if not guid or not name:
                raise UsageError(f"{what}: a Code without guid or name", _QDA_HINT)
            notes = _children(code, "NoteRef")
            codes.append(XmlCode(guid.strip("{}").lower(), name, code.get("color"), _child_text(code, "Description"),
                                 parent, notes[0].get("targetGUID") if notes else None))
            walk(code, guid.strip("{}").lower())

    walk(holder, None)
    return codes


def read_qdpx(data: bytes) -> XmlProject:
    """Read a .qdpx back: codes, sources with their text, selections with their codes, cases, memos."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UsageError("not a .qdpx file (not a zip archive)", _QDA_HINT) from exc

    def member(name: str) -> bytes:
        try:
            info = archive.getinfo(name)
        except KeyError as exc:
            raise UsageError(f"the .qdpx has no {name}", _QDA_HINT) from exc
        if info.file_size > MAX_MEMBER_BYTES:
            raise UsageError(f"{name} in the .qdpx is too large", _QDA_HINT)
        return archive.read(info)

    root = parse_xml(member(PROJECT_FILE), PROJECT_FILE)
    result = XmlProject(root.get("name", ""), root.get("origin", ""), root.get("creationDateTime", ""),
                        root.get("creatingUserGUID", ""))
    result.codes = read_codes(root, PROJECT_FILE)
    variable_names = {v.get("guid"): v.get("name", "") for v in root.iter() if _local(v.tag) == "Variable"}
    result.variables = list(variable_names.values())

    def values(element: ET.Element) -> dict[str, str]:
        found = {}
        for value in _children(element, "VariableValue"):
            ref = _children(value, "VariableRef")
            if ref:
                found[variable_names.get(ref[0].get("targetGUID"), "")] = _child_text(value, "TextValue")
        return found

    for note in (e for e in root.iter() if _local(e.tag) == "Note"):
        result.notes[note.get("guid", "")] = _child_text(note, "PlainTextContent")
    for case in (e for e in root.iter() if _local(e.tag) == "Case"):
        result.cases.append(XmlCase(case.get("guid", ""), case.get("name", ""),
                                    [r.get("targetGUID", "") for r in _children(case, "SourceRef")], values(case)))
    for source in (e for e in root.iter() if _local(e.tag) == "TextSource"):
        path = source.get("plainTextPath", "")
        if path.startswith("internal://"):
            text = member(SOURCES_FOLDER + path.removeprefix("internal://")).decode("utf-8")
        else:
            text = _child_text(source, "PlainTextContent")
        read = XmlSource(source.get("guid", ""), source.get("name", ""), text, variables=values(source))
        for selection in _children(source, "PlainTextSelection"):
            codes = tuple(ref.get("targetGUID", "").strip("{}").lower()
                          for coding in _children(selection, "Coding") for ref in _children(coding, "CodeRef"))
            notes = tuple(ref.get("targetGUID", "") for ref in _children(selection, "NoteRef"))
            read.selections.append(XmlSelection(selection.get("guid", ""), int(selection.get("startPosition", "0")),
                                                int(selection.get("endPosition", "0")), codes,
                                                selection.get("name", ""), notes,
                                                _child_text(selection, "Description")))
        result.sources.append(read)
    return result
