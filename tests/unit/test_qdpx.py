"""QDPX and codebook exchange: schema-valid, importer quirks handled, a lossless round trip, and GUIDs that
cannot link an export to the laptop it came from or to another export."""

from __future__ import annotations

import csv
import json
import re
import tomllib
import uuid
import zipfile
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldkit.anonymise import review as rv
from fieldkit.coding import codebook as cb
from fieldkit.coding.excerpts import apply_code, list_excerpts
from fieldkit.coding.sources import load_source
from fieldkit.errors import UsageError
from fieldkit.export import refi
from fieldkit.export.codebook_exchange import export_codebook, import_codebook
from fieldkit.export.writer import ExportRequest, run_export
from tests.conftest import add_transcribed_interview, shared_path

RU = ["Закон изменился, и всё стало иначе.", "Начальство требовало план каждый месяц.", "Мы боялись проверок."]
EN = ["The law changed and the quotas came.", "Nobody could refuse."]


@pytest.fixture(scope="module")
def schema():
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(shared_path("refi-qda", "Project-mrt2019.xsd")))


@pytest.fixture
def coded(project):
    """Two approved interviews (Cyrillic and English), a code tree, overlapping codings and memos."""
    for category, texts, language in (("P", RU, "ru"), ("L", EN, "en")):
        interview = add_transcribed_interview(project, category, texts, language=language)
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
    cb.add_code(project, "Institutional pressure", description="Pattern code", memo="compare across categories")
    cb.add_code(project, "changes in law", parent="Institutional pressure", colour="#123456")
    cb.add_code(project, "quotas", parent="Institutional pressure")
    cb.add_code(project, "fear")
    apply_code(project, "P1-1", "changes in law", quote="Закон изменился")
    apply_code(project, "P1-1", "quotas", quote="Начальство требовало план каждый месяц.", memo="важный момент")
    apply_code(project, "P1-1", "fear", quote="Начальство требовало план каждый месяц.")  # same span, 2nd code
    apply_code(project, "P1-1", "fear", quote="план каждый месяц.\nМы боялись")  # across a line break
    apply_code(project, "L1-1", "quotas", quote="the quotas came")
    return project


def export_qdpx(project, out, **options):
    return run_export(project, ExportRequest("qdpx", out, **options))


def test_qdpx_is_valid_against_the_refi_qda_schema(coded, tmp_path, schema):
    export_qdpx(coded, tmp_path / "a.qdpx", memos=True)
    schema.validate(zipfile.ZipFile(tmp_path / "a.qdpx").read("project.qde").decode("utf-8"))
    export_qdpx(coded, tmp_path / "b.qdpx", crlf=True)
    schema.validate(zipfile.ZipFile(tmp_path / "b.qdpx").read("project.qde").decode("utf-8"))


def test_importer_quirks_are_handled(coded, tmp_path):
    export_qdpx(coded, tmp_path / "a.qdpx")
    archive = zipfile.ZipFile(tmp_path / "a.qdpx")
    names = archive.namelist()
    assert names[0] == "project.qde" and all(n.startswith("sources/") for n in names[1:]) and len(names) == 3
    xml = archive.read("project.qde").decode()
    assert "richTextPath" not in xml and xml.count("plainTextPath=\"internal://") == 2
    assert xml.count("<Code guid=") == xml.count('isCodable="true"') == 4
    assert 'creationDateTime="2026-03-01T00:00:00' in xml and "T09:00" not in xml  # coarsened to the month
    for name in names[1:]:
        assert "\r" not in archive.read(name).decode("utf-8")


def test_codes_and_selections_round_trip_with_code_point_offsets(coded, tmp_path):
    export_qdpx(coded, tmp_path / "a.qdpx", memos=True)
    back = refi.read_qdpx((tmp_path / "a.qdpx").read_bytes())
    codes = {c.id: c for c in cb.list_codes(coded)}
    # GUIDs are the export's own (random), so codes are compared by name, parents through the file's GUIDs
    names = {c.guid: c.name for c in back.codes}
    assert len(names) == len(back.codes)
    assert {c.name: (names.get(c.parent), c.colour, c.description) for c in back.codes} == {
        c.name: (codes[c.parent].name if c.parent else None, c.colour, c.description) for c in codes.values()}
    sources = {s.name: s for s in back.sources}
    assert sources["P1-1"].text == load_source(coded, "P1-1").text
    found = {(s.name, sel.start, sel.end, names[code]) for s in back.sources for sel in s.selections
             for code in sel.codes}
    excerpts, _ = list_excerpts(coded)
    assert found == {(e.coding.interview, e.coding.start, e.coding.end, e.code.name) for e in excerpts}
    for excerpt in excerpts:
        text = sources[excerpt.coding.interview].text
        assert text[excerpt.coding.start:excerpt.coding.end] == excerpt.text
    cyrillic = next(e for e in excerpts if e.code.name == "quotas" and e.respondent == "P1")
    assert len(sources["P1-1"].text[:cyrillic.coding.start].encode()) > cyrillic.coding.start  # not bytes
    assert "важный момент" in back.notes.values() and "compare across categories" in back.notes.values()
    assert {c.name: c.variables["Respondent type"] for c in back.cases} == {"P1": "police official", "L1": "lawyer"}
    assert sources["P1-1"].variables["Respondent"] == "[P1]"


def test_crlf_export_moves_positions_onto_the_longer_text(coded, tmp_path):
    export_qdpx(coded, tmp_path / "crlf.qdpx", crlf=True)
    back = refi.read_qdpx((tmp_path / "crlf.qdpx").read_bytes())
    source = next(s for s in back.sources if s.name == "P1-1")
    assert source.text == load_source(coded, "P1-1").text.replace("\n", "\r\n")
    spans = [source.text[s.start:s.end] for s in source.selections]
    assert "план каждый месяц.\r\nМы боялись" in spans and "Мы боялись проверок." not in spans
    assert "Начальство требовало план каждый месяц." in spans


# --- GUIDs: random per export ----------------------------------------------------------------------------

_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def guids_in(path) -> set[str]:
    """Every GUID anywhere in an export file: attributes, references, member names, cells."""
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        text = "\n".join([*archive.namelist(), *(archive.read(n).decode("utf-8") for n in archive.namelist())])
    else:
        text = path.read_text(encoding="utf-8")
    return {found.lower() for found in _UUID.findall(text)}


def assert_unlinkable(project, first, second):
    """Two exports of one project share no GUID; none is derived from anything public (a UUIDv5 of the audit
    key in fieldkit.toml, say): each is a random UUIDv4; and none is an id from inside the vault."""
    one, two = guids_in(first), guids_in(second)
    assert one and two and one.isdisjoint(two), f"shared by both exports: {sorted(one & two)}"
    audit_key = tomllib.loads((project.root / "fieldkit.toml").read_text())["audit_public_key"]
    assert audit_key and audit_key == project.audit.public_key()
    public = [audit_key, project.root.name, f"fieldkit:{audit_key}", f"fieldkit:{project.root.name}"]
    derived = {str(uuid.uuid5(ns, value)) for value in public for ns in (uuid.NAMESPACE_URL, uuid.NAMESPACE_DNS,
                                                                       uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)}
    namespaces = [uuid.uuid5(uuid.NAMESPACE_URL, f"fieldkit:{value}") for value in (audit_key, project.root.name)]
    keys = ["user", *(f"{kind}:{i}" for i, in project.conn.execute("SELECT id FROM interviews")
                      for kind in ("source", "case"))]
    derived |= {str(uuid.uuid5(ns, key)) for ns in namespaces for key in keys}
    vault_ids = {i for (i,) in project.conn.execute("SELECT id FROM codes UNION SELECT id FROM codings")}
    for guid in one | two:
        assert guid not in derived and guid not in vault_ids, guid
        assert uuid.UUID(guid).version == 4, f"{guid} is not random (version {uuid.UUID(guid).version})"


def test_two_qdpx_exports_of_the_same_project_share_no_guid(coded, tmp_path):
    for name, options in (("1.qdpx", {}), ("2.qdpx", {}), ("3.qdpx", {"memos": True, "crlf": True})):
        export_qdpx(coded, tmp_path / name, **options)
    assert_unlinkable(coded, tmp_path / "1.qdpx", tmp_path / "2.qdpx")
    assert_unlinkable(coded, tmp_path / "2.qdpx", tmp_path / "3.qdpx")
    assert len(guids_in(tmp_path / "3.qdpx")) > 20  # project, user, codes, sources, selections, codings, notes…


def test_qdpx_guids_are_unique_and_every_reference_resolves_inside_the_file(coded, tmp_path, schema):
    export_qdpx(coded, tmp_path / "a.qdpx", memos=True)
    archive = zipfile.ZipFile(tmp_path / "a.qdpx")
    xml = archive.read("project.qde").decode("utf-8")
    schema.validate(xml)
    root = ET.fromstring(xml)
    elements = [e for e in root.iter() if e.get("guid")]
    declared = {e.get("guid"): e.tag.rpartition("}")[2] for e in elements}
    assert len(declared) == len(elements)  # no GUID used twice in one file
    kinds = {"Code", "User", "Variable", "Case", "TextSource", "PlainTextSelection", "Coding", "Note"}
    assert set(declared.values()) == kinds
    refs = [(e.tag.rpartition("}")[2], e.get("targetGUID")) for e in root.iter() if e.get("targetGUID")]
    expected = {"CodeRef": "Code", "NoteRef": "Note", "SourceRef": "TextSource", "VariableRef": "Variable"}
    assert refs and all(declared.get(target) == expected[tag] for tag, target in refs)
    users = {e.get(a) for e in root.iter() for a in ("creatingUser", "creatingUserGUID") if e.get(a)}
    assert {declared[u] for u in users} == {"User"}
    paths = {e.get("plainTextPath") for e in root.iter() if e.get("plainTextPath")}
    assert {f"sources/{p.removeprefix('internal://')}" for p in paths} == set(archive.namelist()[1:])
    back = refi.read_qdpx((tmp_path / "a.qdpx").read_bytes())
    assert {c.name for c in back.cases} == {"P1", "L1"}
    assert all(ref in {s.guid for s in back.sources} for case in back.cases for ref in case.sources)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_two_excerpt_exports_share_no_id(coded, tmp_path, fmt):
    for name in ("1", "2"):
        run_export(coded, ExportRequest(fmt, tmp_path / f"{name}.{fmt}", memos=True))
    assert_unlinkable(coded, tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}")
    if fmt == "csv":
        rows = list(csv.DictReader((tmp_path / "1.csv").open(encoding="utf-8")))
        assert len({r["excerpt"] for r in rows}) == len(rows) == 5
    else:
        body = json.loads((tmp_path / "1.json").read_text(encoding="utf-8"))
        codes = {c["guid"]: c for c in body["codes"]}
        assert len(codes) == 4 and len({e["excerpt"] for e in body["excerpts"]}) == len(body["excerpts"]) == 5
        assert {c["name"]: codes[c["parent"]]["name"] if c["parent"] else None for c in codes.values()} == {
            "Institutional pressure": None, "changes in law": "Institutional pressure",
            "quotas": "Institutional pressure", "fear": None}


def test_markdown_and_register_exports_hold_no_guid(coded, tmp_path):
    run_export(coded, ExportRequest("md", tmp_path / "x.md", memos=True))
    run_export(coded, ExportRequest("json", tmp_path / "r.json", register=True))
    assert guids_in(tmp_path / "x.md") == guids_in(tmp_path / "r.json") == set()


@given(st.text(alphabet=st.sampled_from("аб\nc d"), max_size=40), st.data())
def test_crlf_positions_select_the_same_text(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    converted = refi.with_crlf(text)
    assert converted[refi.crlf_position(text, start):refi.crlf_position(text, end)] == refi.with_crlf(text[start:end])


# --- codebook exchange ---------------------------------------------------------------------------------


def snapshot_codes(project):
    """The codebook without its ids: a codebook file carries random GUIDs of its own, not the vault's ids."""
    by_id = {c.id: c for c in cb.list_codes(project)}
    return sorted((c.name, by_id[c.parent].name if c.parent else None, c.colour, c.description)
                  for c in by_id.values())


@pytest.mark.parametrize("suffix", ["qdc", "csv"])
def test_codebook_round_trips_through_a_file(coded, tmp_path, suffix):
    before = snapshot_codes(coded)
    count, _ = export_codebook(coded, tmp_path / f"book.{suffix}")
    assert count == 4
    for code in cb.list_codes(coded)[::-1]:
        cb.remove_code(coded, code.id, force=True)
    result = import_codebook(coded, tmp_path / f"book.{suffix}")
    assert (result.added, result.updated, result.unchanged) == (4, 0, 0)
    assert snapshot_codes(coded) == before
    assert import_codebook(coded, tmp_path / f"book.{suffix}").unchanged == 4


@pytest.mark.parametrize("suffix", ["qdc", "csv"])
def test_two_codebook_files_share_no_guid_and_reimport_matches_by_name(coded, tmp_path, suffix):
    before = snapshot_codes(coded)
    ids = {c.name: c.id for c in cb.list_codes(coded)}
    export_codebook(coded, tmp_path / f"1.{suffix}")
    export_codebook(coded, tmp_path / f"2.{suffix}")
    assert_unlinkable(coded, tmp_path / f"1.{suffix}", tmp_path / f"2.{suffix}")
    cb.edit_code(coded, "Institutional pressure", description="edited since the file was written")
    result = import_codebook(coded, tmp_path / f"1.{suffix}")  # fieldkit's own file: matched by name
    assert (result.added, result.updated, result.unchanged) == (0, 1, 3)
    assert snapshot_codes(coded) == before and {c.name: c.id for c in cb.list_codes(coded)} == ids


def test_codebook_qdc_codes_fit_the_project_schema(coded, tmp_path, schema):
    export_codebook(coded, tmp_path / "book.qdc")
    xml = (tmp_path / "book.qdc").read_text()
    assert 'xmlns="urn:QDA-XML:codebook:1.0"' in xml
    codes = xml[xml.index("<Codes>"):xml.index("</Codes>") + len("</Codes>")]
    project = ('<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook>' + codes + "</CodeBook></Project>")
    schema.validate(project)


def test_importing_a_colleagues_codebook_updates_matches_and_adds_new_codes(coded, tmp_path):
    (tmp_path / "team.csv").write_text(
        "name,parent,description,colour\n"
        "Changes in law,Institutional pressure,Any change in law or its use,#ff0000\n"
        "Informal payments,,New code from the team,\n"
        "bribes,Informal payments,,\n",
        encoding="utf-8",
    )
    result = import_codebook(coded, tmp_path / "team.csv")
    assert (result.added, result.updated) == (2, 1)
    law = cb.find_code(coded, "changes in law")
    assert (law.name, law.description, law.colour) == ("Changes in law", "Any change in law or its use", "#FF0000")
    assert cb.find_code(coded, "bribes").parent == cb.find_code(coded, "Informal payments").id
    export_qdpx(coded, tmp_path / "x.qdpx")  # a .qdpx also carries a codebook
    for code in cb.list_codes(coded)[::-1]:
        cb.remove_code(coded, code.id, force=True)
    assert import_codebook(coded, tmp_path / "x.qdpx").added == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,parent\nA,\na,\n", r"team.csv:3: the name 'a' is already used by team.csv:2"),
        ("name,parent\nA,Nowhere\n", "team.csv:2: parent 'Nowhere' of 'A' is not in the file or project"),
        ("name,weight\nA,1\n", "unknown column 'weight'"),
        ("title\nA\n", "with 'path' or 'name'"),
        ("name,colour\nA,blue\n", "not a colour"),
        ("name,parent\nA,B\nB,A\n", "its own ancestor"),
    ],
)
def test_a_bad_codebook_is_refused_with_its_row_and_changes_nothing(project, tmp_path, content, message):
    (tmp_path / "team.csv").write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        import_codebook(project, tmp_path / "team.csv")
    assert cb.list_codes(project) == []


def test_an_xml_bomb_is_refused(project, tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000001"'
            ' name="&lol2;" isCodable="true"/></Codes></CodeBook>')
    (tmp_path / "bomb.qdc").write_text(bomb)
    with pytest.raises(UsageError, match="not valid REFI-QDA XML"):
        import_codebook(project, tmp_path / "bomb.qdc")
    (tmp_path / "broken.qdc").write_text("<CodeBook><Codes>")
    with pytest.raises(UsageError, match="not valid REFI-QDA XML"):
        import_codebook(project, tmp_path / "broken.qdc")
    assert cb.list_codes(project) == []
