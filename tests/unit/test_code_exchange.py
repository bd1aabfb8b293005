"""Coding exchange without loss: memos where importers read them, categories both ways, a codebook import that
merges and never erases, any project file name, and one-line errors for malformed numbers and attributes."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.coding import codebook as cb
from fieldkit.coding.excerpts import apply_code
from fieldkit.errors import UsageError
from fieldkit.export import refi
from fieldkit.export.codebook_exchange import export_codebook, import_codebook, plan_codebook_import
from fieldkit.export.writer import ExportRequest, run_export
from tests.conftest import add_transcribed_interview

NS = {"q": refi.PROJECT_NS}
TEXTS = ["Закон изменился, и всё стало иначе.", "Начальство требовало план каждый месяц."]


@pytest.fixture
def tree(project):
    """A codebook with a category, a nested tree, descriptions and a non-default colour; one coded interview."""
    interview = add_transcribed_interview(project, "P", TEXTS)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    cb.add_code(project, "Pressure", description="Pressure from above", codable=False)
    cb.add_code(project, "quotas", parent="Pressure", description="Plans and numbers", colour="#123456",
                memo="ask about targets")
    cb.add_code(project, "monthly plan", parent="quotas", description="The plan as a number")
    cb.add_code(project, "fear")
    apply_code(project, interview, "quotas", quote="Начальство требовало план каждый месяц.", memo="сверху")
    apply_code(project, interview, "fear", quote="Начальство требовало план каждый месяц.", memo="страх")
    return project


def state(project) -> dict:
    by_id = {c.id: c for c in cb.list_codes(project)}
    return {c.name: (by_id[c.parent].name if c.parent else None, c.description, c.colour, c.codable, c.memo)
            for c in by_id.values()}


def wipe_codes(project) -> None:
    """Every code removed (children first), its codings with it."""
    for code in cb.list_codes(project)[::-1]:
        cb.remove_code(project, code.id, force=True)


def project_xml(path) -> ET.Element:
    return ET.fromstring(zipfile.ZipFile(path).read("project.qde"))


# --- memos where importers read them ------------------------------------------------------------------------


def test_memos_go_into_descriptions_and_notes_only_with_memos(tree, tmp_path):
    run_export(tree, ExportRequest("qdpx", tmp_path / "with.qdpx", memos=True))
    run_export(tree, ExportRequest("qdpx", tmp_path / "without.qdpx"))
    root = project_xml(tmp_path / "with.qdpx")
    quotas = root.find(".//q:Code[@name='quotas']", NS)
    assert quotas.find("q:Description", NS).text == "Plans and numbers\n\nask about targets"
    notes = {n.get("guid"): n.find("q:PlainTextContent", NS).text for n in root.iterfind(".//q:Note", NS)}
    assert notes[quotas.find("q:NoteRef", NS).get("targetGUID")] == "ask about targets"
    selections = root.findall(".//q:PlainTextSelection", NS)
    assert len(selections) == 2  # one per coding, though both codings share a span: each keeps its own memo
    by_code = {s.find("q:Coding/q:CodeRef", NS).get("targetGUID"): s for s in selections}
    codes = {c.get("name"): c.get("guid") for c in root.iterfind(".//q:Code", NS)}
    for name, memo in (("quotas", "сверху"), ("fear", "страх")):
        selection = by_code[codes[name]]
        assert selection.find("q:Description", NS).text.startswith(memo + "\n\n")  # QualCoder's coding memo
        assert notes[selection.find("q:Coding/q:NoteRef", NS).get("targetGUID")] == memo
    back = refi.read_qdpx((tmp_path / "with.qdpx").read_bytes())
    read = {c.name: (c.description, c.memo) for c in back.codes}
    assert read["quotas"] == ("Plans and numbers", "ask about targets")  # the memo split back off

    bare = ET.tostring(project_xml(tmp_path / "without.qdpx"), encoding="unicode")
    assert "ask about targets" not in bare and "сверху" not in bare and "<ns0:Note " not in bare
    assert "Plans and numbers" in bare


def test_dates_are_whole_utc_seconds_with_users_on_every_element(tree, tmp_path):
    run_export(tree, ExportRequest("qdpx", tmp_path / "a.qdpx", memos=True))
    root = project_xml(tmp_path / "a.qdpx")
    user = root.find("q:Users/q:User", NS).get("guid")
    dates = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("DateTime")]
    assert dates and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d) for d in dates), dates
    assert root.get("modifyingUserGUID") == user and root.get("modifiedDateTime")
    for tag in ("TextSource", "PlainTextSelection", "Note"):
        for element in root.iterfind(f".//q:{tag}", NS):
            assert element.get("creatingUser") == element.get("modifyingUser") == user, tag
            assert element.get("creationDateTime") and element.get("modifiedDateTime"), tag
    codings = root.findall(".//q:Coding", NS)
    assert codings and all(c.get("creatingUser") == user and c.get("creationDateTime") for c in codings)


# --- categories both ways --------------------------------------------------------------------------------


def test_a_category_is_never_applied_and_travels_as_not_codable(tree, tmp_path):
    with pytest.raises(UsageError, match="'Pressure' is a category"):
        apply_code(tree, "P1-1", "Pressure", quote="Закон изменился")
    with pytest.raises(UsageError, match="'fear' has 1 coding"):
        cb.edit_code(tree, "fear", codable=False)
    run_export(tree, ExportRequest("qdpx", tmp_path / "a.qdpx"))
    export_codebook(tree, tmp_path / "book.qdc")
    for path in (tmp_path / "book.qdc",):
        flags = {c.get("name"): c.get("isCodable") for c in ET.parse(path).iter() if c.tag.endswith("}Code")}
        assert flags == {"Pressure": "false", "quotas": "true", "monthly plan": "true", "fear": "true"}
    flags = {c.get("name"): c.get("isCodable") for c in project_xml(tmp_path / "a.qdpx").iterfind(".//q:Code", NS)}
    assert flags["Pressure"] == "false"
    before = state(tree)
    wipe_codes(tree)
    import_codebook(tree, tmp_path / "book.qdc")
    assert {name: value[:4] for name, value in state(tree).items()} == {n: v[:4] for n, v in before.items()}


# --- import merges, never erases ----------------------------------------------------------------------------


def test_a_bare_codebook_changes_nothing_it_does_not_carry(tree, tmp_path):
    before = state(tree)
    (tmp_path / "bare.qdc").write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a01" name="quotas" isCodable="true"/>'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a02" name="monthly plan" isCodable="true"/>'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a03" name="Fear"/>'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a04" name="new code"/>'
        "</Codes></CodeBook>", encoding="utf-8")
    plan, fmt, digest = plan_codebook_import(tree, tmp_path / "bare.qdc")
    # "Fear" is the same code (names match case-folded); its new spelling is the one change the file carries
    assert (plan.added, plan.unchanged, fmt) == (("new code",), 2, "qdc")
    assert [(c.code, c.field, c.before, c.after) for c in plan.changes] == [("Fear", "name", "'fear'", "'Fear'")]
    (tmp_path / "bare.csv").write_text("name\nquotas\nmonthly plan\nfear\n", encoding="utf-8")
    plan, _, _ = plan_codebook_import(tree, tmp_path / "bare.csv")
    assert (plan.added, plan.changes, plan.unchanged) == ((), (), 3)
    result = import_codebook(tree, tmp_path / "bare.qdc")
    assert (result.added, result.updated) == (1, 1)
    after = state(tree)
    assert after.pop("new code")[0] is None and after.pop("Fear") == before.pop("fear")
    assert after == before
    entry = tree.conn.execute("SELECT data FROM audit WHERE event = 'codebook_imported' ORDER BY seq DESC").fetchone()
    assert entry and digest in entry[0] and '"format": "qdc"' in entry[0]


def test_what_the_file_says_is_applied_and_listed(tree, tmp_path):
    (tmp_path / "team.csv").write_text(
        "name,parent,description,colour,codable\n"
        "quotas,,New wording,,\n"             # description only: parent, colour, codable stay
        "monthly plan,fear,,#00ff00,\n"        # moved and recoloured
        "Pressure,,,,yes\n",                   # now codable
        encoding="utf-8")
    plan, _, _ = plan_codebook_import(tree, tmp_path / "team.csv")
    listed = {(c.code, c.field, c.before, c.after) for c in plan.changes}
    assert listed == {("quotas", "description", "'Plans and numbers'", "'New wording'"),
                      ("monthly plan", "parent", "'quotas'", "'fear'"),
                      ("monthly plan", "colour", f"'{cb.find_code(tree, 'monthly plan').colour}'", "'#00FF00'"),
                      ("Pressure", "codable", "category (not codable)", "codable")}
    assert plan.updated == 3
    import_codebook(tree, tmp_path / "team.csv")
    after = state(tree)
    assert after["quotas"] == ("Pressure", "New wording", "#123456", True, "ask about targets")
    assert after["monthly plan"][:3] == ("fear", "The plan as a number", "#00FF00") and after["Pressure"][3]


def test_the_file_cannot_turn_a_code_with_codings_into_a_category(tree, tmp_path):
    (tmp_path / "team.csv").write_text("name,codable\nfear,no\n", encoding="utf-8")
    before = state(tree)
    with pytest.raises(UsageError, match=r"team.csv:2: the file makes 'fear' a category, but it holds 1 coding"):
        import_codebook(tree, tmp_path / "team.csv")
    assert state(tree) == before


# --- CSV: a path column Taguette and spreadsheets read --------------------------------------------------------


def test_the_csv_codebook_has_one_hierarchical_name_column(tree, tmp_path):
    export_codebook(tree, tmp_path / "book.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "book.csv").read_text(encoding="utf-8"))))
    header = list(rows[0])
    assert sum(column in header for column in ("tag", "name", "path")) == 1  # Taguette refuses two
    assert header[:2] == ["path", "description"]
    assert {r["path"]: (r["parent"], r["codable"]) for r in rows} == {
        "Pressure": ("", "no"), "Pressure.quotas": ("Pressure", "yes"),
        "Pressure.quotas.monthly plan": ("Pressure.quotas", "yes"), "fear": ("", "yes")}
    before = state(tree)
    wipe_codes(tree)
    import_codebook(tree, tmp_path / "book.csv")
    assert {n: v[:4] for n, v in state(tree).items()} == {n: v[:4] for n, v in before.items()}


def test_a_taguette_codebook_export_imports_with_its_tree(project, tmp_path):
    (tmp_path / "taguette.csv").write_text(
        "tag,description,number of highlights,number of documents\n"
        "interesting,Worth a second look,3,2\n"
        "interesting.places,Where it happened,1,1\n"
        "interesting.places.v1.2,A dotted name under a dotted path,0,0\n"
        "people.police,No parent tag in the file,2,1\n", encoding="utf-8")
    import_codebook(project, tmp_path / "taguette.csv")
    assert {n: v[:2] for n, v in state(project).items()} == {
        "interesting": (None, "Worth a second look"), "places": ("interesting", "Where it happened"),
        "v1.2": ("places", "A dotted name under a dotted path"),
        "people.police": (None, "No parent tag in the file")}


# --- reading any project file, malformed numbers and attributes ---------------------------------------------


def repack(source, target, *, rename: dict[str, str] | None = None, edit=None):
    """A copy of a .qdpx with members renamed and the project XML edited (as another program might write it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            name = info.filename
            if name.endswith(".qde") and edit:
                data = edit(data.decode("utf-8")).encode("utf-8")
            for before, after in (rename or {}).items():
                name = name.replace(before, after)
            new.writestr(name, data)


def test_any_single_qde_and_a_capitalised_sources_folder_are_read(tree, tmp_path):
    run_export(tree, ExportRequest("qdpx", tmp_path / "a.qdpx"))
    repack(tmp_path / "a.qdpx", tmp_path / "b.qdpx", rename={"project.qde": "Study.qde", "sources/": "Sources/"})
    back = refi.read_qdpx((tmp_path / "b.qdpx").read_bytes())
    assert [len(s.text) for s in back.sources] == [len(s.text) for s in refi.read_qdpx(
        (tmp_path / "a.qdpx").read_bytes()).sources]
    wipe_codes(tree)
    assert import_codebook(tree, tmp_path / "b.qdpx").added == 4
    # codes need no sources: a .qdpx whose texts are missing still gives its codebook
    with zipfile.ZipFile(tmp_path / "b.qdpx") as full, zipfile.ZipFile(tmp_path / "c.qdpx", "w") as bare:
        bare.writestr("Study.qde", full.read("Study.qde"))
    plan, _, _ = plan_codebook_import(tree, tmp_path / "c.qdpx")
    assert plan.unchanged == 4
    with zipfile.ZipFile(tmp_path / "two.qdpx", "w") as two:
        two.writestr("A.qde", "<x/>")
        two.writestr("B.qde", "<x/>")
    with pytest.raises(UsageError, match=r"2 project files \(A.qde, B.qde\)"):
        refi.read_qdpx((tmp_path / "two.qdpx").read_bytes())


@pytest.mark.parametrize(("edit", "message"), [
    (lambda x: re.sub(r'startPosition="\d+"', 'startPosition="x"', x, count=1),
     r"project.qde: PlainTextSelection '.+' has startPosition='x', not a whole number of characters"),
    (lambda x: re.sub(r'endPosition="\d+"', 'endPosition="-4"', x, count=1), "endPosition='-4'"),
    (lambda x: re.sub(r'endPosition="\d+"', 'endPosition="1"', x, count=1), r"ends \(1\) before it starts"),
    (lambda x: x.replace('isCodable="true"', 'isCodable="maybe"', 1), r"Code '.+' has isCodable='maybe'"),
    (lambda x: re.sub(r'(<Code guid=")[^"]+', r"\1not-a-guid", x, count=1), r"Code '.+' has guid='not-a-guid'"),
    (lambda x: re.sub(r'<CodeRef targetGUID="[^"]+"', '<CodeRef', x, count=1), "has no targetGUID, not a GUID"),
])
def test_a_malformed_qdpx_is_one_clear_error_and_imports_nothing(tree, tmp_path, edit, message):
    run_export(tree, ExportRequest("qdpx", tmp_path / "a.qdpx"))
    repack(tmp_path / "a.qdpx", tmp_path / "bad.qdpx", edit=edit)
    before = state(tree)
    with pytest.raises(UsageError, match=message) as raised:
        import_codebook(tree, tmp_path / "bad.qdpx")
    assert "\n" not in raised.value.message
    assert state(tree) == before


def test_a_semicolon_csv_from_a_russian_locale_spreadsheet_is_read(project, tmp_path):
    (tmp_path / "excel.csv").write_bytes(
        "\ufeffname;parent;description;colour\r\nДавление;;Сверху, от начальства;#ff0000\r\n"
        "План;Давление;\"Цифры; отчёты\";\r\n".encode())
    import_codebook(project, tmp_path / "excel.csv")
    assert {n: v[:2] for n, v in state(project).items()} == {
        "Давление": (None, "Сверху, от начальства"), "План": ("Давление", "Цифры; отчёты")}
    assert state(project)["Давление"][2] == "#FF0000"


def test_one_name_under_two_parents_is_told_apart_by_the_parent(project, tmp_path):
    """MAXQDA and NVivo allow "Other" under each theme; fieldkit's names are unique."""
    (tmp_path / "book.qdc").write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="{5F0C3E0A-6B1E-4C1E-9A55-3D9C2F0E1A01}" name="Суды" isCodable="false">'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a02" name="Другое" isCodable="true"/></Code>'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a03" name="Полиция" isCodable="false">'
        '<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a04" name="Другое" isCodable="true"/></Code>'
        "</Codes></CodeBook>", encoding="utf-8")
    plan, _, _ = plan_codebook_import(project, tmp_path / "book.qdc")
    assert plan.renamed == (("Другое", "Другое (Суды)"), ("Другое", "Другое (Полиция)"))  # each, in any order
    import_codebook(project, tmp_path / "book.qdc")
    assert {n: v[0] for n, v in state(project).items()} == {
        "Суды": None, "Другое (Суды)": "Суды", "Полиция": None, "Другое (Полиция)": "Полиция"}
    again, _, _ = plan_codebook_import(project, tmp_path / "book.qdc")  # the same file again: nothing to do
    assert (again.added, again.changes, again.unchanged) == ((), (), 4)
    (tmp_path / "flat.csv").write_text("name\nДругое\nдругое\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"flat.csv:3: the name 'другое' is already used by flat.csv:2"):
        import_codebook(project, tmp_path / "flat.csv")


def test_excels_windows_1251_csv_is_read_and_other_encodings_refused(project, tmp_path):
    (tmp_path / "ru.csv").write_bytes("name;parent;description\r\nСуды;;Судебная система\r\nСудьи;Суды;\r\n"
                                      .encode("cp1251"))
    import_codebook(project, tmp_path / "ru.csv")
    assert {n: v[:2] for n, v in state(project).items()} == {"Суды": (None, "Судебная система"),
                                                            "Судьи": ("Суды", "")}
    (tmp_path / "de.csv").write_bytes("name,description\nÄrger,Große Wut\n".encode("latin-1"))
    with pytest.raises(UsageError, match="de.csv: not UTF-8 text"):
        import_codebook(project, tmp_path / "de.csv")


# --- files from other programs, written by someone who had not seen this code (tests/fixtures/foreign-codebooks) ---

FOREIGN = Path(__file__).parents[1] / "fixtures" / "foreign-codebooks"


def test_codebooks_from_other_programs_import_as_their_manifest_says(project):
    """Each file's MANIFEST line (written with the files, from how those programs write them) says how many codes
    and which categories it holds, or that it must be refused; expected.json pins the whole result (every
    code's parent, description, codable flag and colour, and each selection's text), checked by hand against
    the manifest when the files were added."""
    expected = json.loads((FOREIGN / "expected.json").read_text(encoding="utf-8"))
    manifest = [line.split("\t") for line in (FOREIGN / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert len(manifest) == len(expected) >= 25
    for name, _kind, _imitates, says in manifest:
        try:
            import_codebook(project, FOREIGN / name)
        except UsageError as exc:
            assert says.startswith("refuse") or "OR refuse" in says, (name, exc.message)
            assert expected[name] == {"refused": exc.message}, name
            assert "\n" not in exc.message and "root:" not in exc.message  # one line; /etc/passwd never read
            continue
        assert says.startswith(("ok", "EITHER ok")), (name, says)
        codes = cb.list_codes(project)
        count, categories = re.search(r"ok: (\d+) codes total \(incl\. (\d+) categor", says).groups()
        assert (len(codes), sum(not c.codable for c in codes)) == (int(count), int(categories)), name
        by_id = {c.id: c.name for c in codes}
        got = {c.name: [by_id.get(c.parent), c.description, c.codable, None if c.colour in cb.PALETTE else c.colour]
               for c in codes}
        assert got == expected[name]["codes"], name
        if name.endswith(".qdpx"):
            back = refi.read_qdpx((FOREIGN / name).read_bytes())
            assert [s.text[x.start:x.end] for s in back.sources for x in s.selections] == expected[name]["selections"]
        wipe_codes(project)


def test_taguette_paths_tell_same_named_codes_apart_in_any_row_order(project, tmp_path):
    rows = ["A,", "B,", "A.Other,under A", "B.Other,under B", "B.Other.x,deep"]
    for order in (rows, rows[::-1]):
        (tmp_path / "t.csv").write_text("tag,description\n" + "\n".join(order) + "\n", encoding="utf-8")
        import_codebook(project, tmp_path / "t.csv")
        assert {n: v[:2] for n, v in state(project).items()} == {
            "A": (None, None or ""), "B": (None, ""), "Other (A)": ("A", "under A"), "Other (B)": ("B", "under B"),
            "x": ("Other (B)", "deep")}


def test_a_path_csv_places_codes_under_parents_in_the_project(tree, tmp_path):
    (tmp_path / "p.csv").write_text("path,parent\nPressure.new,Pressure\nPressure.quotas.deep,Pressure.quotas\n"
                                    "fear.calm,fear\n", encoding="utf-8")
    import_codebook(tree, tmp_path / "p.csv")
    after = state(tree)
    assert (after["new"][0], after["deep"][0], after["calm"][0]) == ("Pressure", "quotas", "fear")
    (tmp_path / "bad.csv").write_text("path,parent\nA.b.c,b\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.csv:2: path 'A.b.c' does not start with its parent 'b'"):
        import_codebook(tree, tmp_path / "bad.csv")


def test_names_with_dots_slashes_and_formula_signs_survive_a_csv_round_trip(project, tmp_path):
    cb.add_code(project, "X / Y", description="- a point")
    cb.add_code(project, "z", parent="X / Y")
    cb.add_code(project, "Work / life", parent="z")
    cb.add_code(project, "v1.2", parent="Work / life")
    cb.add_code(project, "-ve feelings", description="=not a formula")
    before = state(project)
    export_codebook(project, tmp_path / "book.csv")
    plan, _, _ = plan_codebook_import(project, tmp_path / "book.csv")
    assert (plan.added, plan.changes, plan.unchanged) == ((), (), 5)
    wipe_codes(project)
    import_codebook(project, tmp_path / "book.csv")
    assert {n: v[:4] for n, v in state(project).items()} == {n: v[:4] for n, v in before.items()}


def test_two_rows_on_one_project_code_and_swapped_names(tree, tmp_path):
    quotas = cb.find_code(tree, "quotas").id
    (tmp_path / "two.csv").write_text(f"name,description,guid\nAlpha,d1,{quotas}\nquotas,d2,\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"two.csv:3: matches the project's code 'quotas', as two.csv:2 does"):
        import_codebook(tree, tmp_path / "two.csv")
    fear = cb.find_code(tree, "fear").id
    (tmp_path / "swap.csv").write_text(f"name,guid\nfear,{quotas}\nquotas,{fear}\n", encoding="utf-8")
    result = import_codebook(tree, tmp_path / "swap.csv")
    assert result.updated == 2
    assert (cb.find_code(tree, "fear").id, cb.find_code(tree, "quotas").id) == (quotas, fear)


def test_hostile_xml_is_one_clear_error(project, tmp_path):
    deep = "".join(f'<Code guid="00000000-0000-4000-8000-{n:012x}" name="c{n}">' for n in range(1, 3001))
    cases = {
        "deep.qdc": ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>' + deep + "</Code>" * 3000
                     + "</Codes></CodeBook>"),
        "enc.qdc": '<?xml version="1.0" encoding="foo-bar"?><CodeBook/>',
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(UsageError):
            import_codebook(project, tmp_path / name)
    chain = "name,parent\n" + "\n".join(f"c{n},{f'c{n - 1}' if n else ''}" for n in range(100)) + "\n"
    (tmp_path / "chain.csv").write_text(chain, encoding="utf-8")
    with pytest.raises(UsageError, match="more than 64 codes deep"):
        import_codebook(project, tmp_path / "chain.csv")
    assert cb.list_codes(project) == []


def test_what_a_previous_review_broke_now_round_trips(project, tmp_path):
    """Two codes with one path ("a.b" named so, and "b" under "a"), leading quotes, a lone CR, a long
    description: a CSV fieldkit wrote comes back as the same codebook."""
    cb.add_code(project, "доверие")
    cb.add_code(project, "суды", parent="доверие")
    cb.add_code(project, "судьи", parent="суды")
    cb.add_code(project, "доверие.суды", description="'-ve, quoted")
    cb.add_code(project, "прокуроры", parent="доверие.суды")
    cb.add_code(project, "'=x", description="fine\r=1+2")  # a lone CR: stored as a line break
    cb.add_code(project, "long", description="д" * 200_000)
    assert cb.find_code(project, "'=x").description == "fine\n=1+2"
    before = state(project)
    export_codebook(project, tmp_path / "book.csv")
    assert "\r" not in (tmp_path / "book.csv").read_text(encoding="utf-8")
    plan, _, _ = plan_codebook_import(project, tmp_path / "book.csv")
    assert (plan.added, plan.changes) == ((), ())
    wipe_codes(project)
    import_codebook(project, tmp_path / "book.csv")
    assert state(project) == {n: (*v[:4], "") for n, v in before.items()}
    with pytest.raises(UsageError, match="one line of at most"):
        cb.add_code(project, "bad\uffff")


def test_a_name_repeated_at_two_levels_takes_its_qualified_parents_name(project, tmp_path):
    def code(n: int, name: str, inner: str = "") -> str:
        return f'<Code guid="5f0c3e0a-6b1e-4c1e-9a55-3d9c2f0e1a{n:02d}" name="{name}" isCodable="true">{inner}</Code>'

    (tmp_path / "q.qdc").write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        + code(1, "Courts", code(2, "Other", code(3, "Misc"))) + code(4, "Police", code(5, "Other", code(6, "Misc")))
        + "</Codes></CodeBook>", encoding="utf-8")
    import_codebook(project, tmp_path / "q.qdc")
    assert {n: v[0] for n, v in state(project).items()} == {
        "Courts": None, "Police": None, "Other (Courts)": "Courts", "Other (Police)": "Police",
        "Misc (Other (Courts))": "Other (Courts)", "Misc (Other (Police))": "Other (Police)"}
