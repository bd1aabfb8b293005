"""The policy file as a declared schema: unknown keys are refused in every table, with file:line, field and hint.

The two bundled policies must give exactly the Policy values they gave before the schema (captured from the
hand-written parser), and the references a policy makes (consent scripts, rule categories) are checked.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest

from fieldkit.errors import PolicyError
from fieldkit.retention.policy import Category, Policy, QuasiModes, Rule, load_policy, parse_policy
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, REPO

STRICT_POLICY = REPO / "fieldkit" / "policies" / "strict.toml"
BUNDLED = [REFERENCE_POLICY, STRICT_POLICY]
CATEGORIES = (
    Category("P", "police official"),
    Category("DE", "drug entrepreneur"),
    Category("L", "lawyer"),
    Category("O", "other"),
)


def destroy(applies_to: str, after: str, within: timedelta) -> Rule:
    return Rule(applies_to=applies_to, after=after, within=within, action="destroy")


# Captured from the hand-written parser (_Checker) before the pydantic schema replaced it.
EXPECTED = {
    "reference-protocol.toml": dict(
        name="Reference protocol",
        ethics_approval="REC-2026-014",
        project_end=date(2027, 6, 30),
        categories=CATEGORIES,
        location_level="region",
        rules=(
            destroy("audio", "transcript_approved", timedelta(days=3)),
            destroy("audio", "captured", timedelta(days=30)),  # the backstop (issue 19)
            destroy("linking_key", "project_end", timedelta(days=30)),
            destroy("pseudonym_map", "project_end", timedelta(days=30)),
            destroy("lexicon", "project_end", timedelta(days=30)),
            destroy("consent_audio", "project_end", timedelta(days=30)),
            destroy("all", "consent_withdrawn", timedelta(hours=24)),
        ),
        linking_key_allowed=True,
        consent_scripts=("standard-oral",),
        date_precision="month",
        wipe_after_failed_unlocks=0,
        seal_after_export=False,
        travel_seal="none",
        quasi=QuasiModes(dates="generalise", ages="generalise", sums="generalise", times="generalise",
                         durations="generalise"),
    ),
    "strict.toml": dict(
        name="Strict protocol",
        ethics_approval="REC-2026-014-S",
        project_end=date(2027, 6, 30),
        categories=CATEGORIES,
        location_level="macro_region",
        rules=(
            destroy("audio", "transcript_approved", timedelta(hours=24)),
            destroy("consent_audio", "stored", timedelta(days=7)),
            destroy("transcript", "transcript_approved", timedelta(days=90)),
            destroy("notes", "transcript_approved", timedelta(days=90)),
            destroy("pseudonym_map", "project_end", timedelta(days=7)),
            destroy("lexicon", "project_end", timedelta(days=7)),
            destroy("export", "export_done", timedelta(weeks=52)),
            destroy("all", "consent_withdrawn", timedelta(hours=24)),
        ),
        linking_key_allowed=False,
        consent_scripts=("standard-oral",),
        date_precision="quarter",
        wipe_after_failed_unlocks=0,
        seal_after_export=False,
        travel_seal="none",
        quasi=QuasiModes(dates="remove", ages="remove", sums="remove", times="remove", durations="remove"),
    ),
}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_policies_give_the_same_values_as_before(path: Path):
    policy = load_policy(path)
    raw = path.read_bytes()
    assert isinstance(policy, Policy)
    assert policy == Policy(**EXPECTED[path.name], source_name=path.name,
                            sha256=hashlib.sha256(raw).hexdigest(), text=raw.decode())
    assert all(type(getattr(policy, key)) is type(value) for key, value in EXPECTED[path.name].items())
    assert all(type(rule.within) is timedelta and type(rule.categories) is tuple for rule in policy.rules)


def test_a_typo_under_linking_key_is_refused_not_read_as_false():
    """`alowed = true` used to be accepted and silently meant "no linking key"."""
    text = REFERENCE_POLICY.read_text().replace("allowed = true", "alowed = true", 1)
    line = text.splitlines().index("alowed = true") + 1
    with pytest.raises(PolicyError) as caught:
        parse_policy(text.encode(), "policy.toml")
    assert caught.value.message == f"policy.toml:{line}: linking_key.alowed: unknown field"
    assert "allowed" in caught.value.hint


# --------------------------------------------------------------------------------------------------------
# Unknown keys are refused in every table, with FILE:LINE: field: unknown field and a hint
# --------------------------------------------------------------------------------------------------------

# Tables the schema allows that neither bundled policy writes (each with a valid first key).
OPTIONAL_TABLES = {"duress": "wipe_after_failed_unlocks = 0", "seal": "after_export = false",
                   "travel": 'seal = "none"'}


def table_headers(path: Path) -> list[tuple[str, int, int | None]]:
    """(table name, line index of its header, entry number for [[arrays]] else None) for every header."""
    found, counts = [], {}
    for number, line in enumerate(path.read_text().splitlines()):
        if line.startswith("[["):
            name = line.strip("[] ")
            counts[name] = counts.get(name, -1) + 1
            found.append((name, number, counts[name]))
        elif line.startswith("["):
            found.append((line.strip("[] "), number, None))
    return found


UNKNOWN_KEY_CASES = [
    pytest.param(path, name, number, entry, id=f"{path.name}:{name}{'' if entry is None else f'[{entry}]'}")
    for path in BUNDLED
    for name, number, entry in table_headers(path)
]


@pytest.mark.parametrize(("path", "name", "number", "entry"), UNKNOWN_KEY_CASES)
def test_an_unknown_key_is_refused_in_every_table(path: Path, name: str, number: int, entry: int | None):
    lines = path.read_text().splitlines()
    lines.insert(number + 1, "colour = 1")
    with pytest.raises(PolicyError) as caught:
        parse_policy("\n".join(lines).encode(), "p.toml")
    field = name if entry is None else f"{name}[{entry}]"
    assert caught.value.message == f"p.toml:{number + 2}: {field}.colour: unknown field"
    assert caught.value.details == ()
    assert caught.value.hint and "takes only:" in caught.value.hint


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
@pytest.mark.parametrize("table", sorted(OPTIONAL_TABLES))
def test_an_unknown_key_is_refused_in_the_optional_tables(path: Path, table: str):
    text = f"{path.read_text()}\n[{table}]\n{OPTIONAL_TABLES[table]}\ncolour = 1\n"
    parse_policy(text.replace("colour = 1\n", "").encode(), "p.toml")  # valid without the unknown key
    line = len(text.splitlines())
    with pytest.raises(PolicyError) as caught:
        parse_policy(text.encode(), "p.toml")
    assert caught.value.message == f"p.toml:{line}: {table}.colour: unknown field"
    assert OPTIONAL_TABLES[table].split()[0] in caught.value.hint


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
@pytest.mark.parametrize(("extra", "message"), [
    pytest.param("[colour]\nshade = 1\n", "colour: unknown table", id="table"),
    pytest.param("[[colours]]\nshade = 1\n", "colours: unknown table", id="array-of-tables"),
])
def test_an_unknown_table_is_refused_at_the_top_level(path: Path, extra: str, message: str):
    text = f"{path.read_text()}\n{extra}"
    line = len(text.splitlines()) - 1
    with pytest.raises(PolicyError) as caught:
        parse_policy(text.encode(), "p.toml")
    assert caught.value.message == f"p.toml:{line}: {message}"
    assert "[policy]" in caught.value.hint and "[[rules]]" in caught.value.hint


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_an_unknown_top_level_key_before_the_first_table_is_refused(path: Path):
    with pytest.raises(PolicyError) as caught:
        parse_policy(f"colour = 1\n{path.read_text()}".encode(), "p.toml")
    assert caught.value.message == "p.toml:1: colour: unknown field"
    assert "[policy]" in caught.value.hint


def test_the_cases_cover_every_table_of_the_schema():
    from fieldkit.retention.policy import PolicyFile

    covered = {name for path in BUNDLED for name, _, _ in table_headers(path)} | set(OPTIONAL_TABLES)
    assert covered == set(PolicyFile.model_fields)


def test_a_typo_under_linking_key_names_the_field_it_meant():
    text = STRICT_POLICY.read_text().replace("allowed = false", "alowed = false", 1)
    with pytest.raises(PolicyError) as caught:
        parse_policy(text.encode(), "strict.toml")
    assert caught.value.hint.startswith("did you mean 'allowed'? [linking_key] takes only: allowed")


def test_a_quoted_string_is_not_a_boolean():
    """Strict: `allowed = "false"` is refused, not read as a (truthy) string or coerced."""
    text = REFERENCE_POLICY.read_text().replace("allowed = true", 'allowed = "false"', 1)
    line = text.splitlines().index('allowed = "false"') + 1
    with pytest.raises(PolicyError, match=rf"^p\.toml:{line}: linking_key\.allowed: must be true or false$"):
        parse_policy(text.encode(), "p.toml")


def test_every_problem_is_reported_in_file_order():
    """The first problem in the file is the message; the others follow as details, in file order."""
    text = "colour = 1\n" + (REFERENCE_POLICY.read_text().replace('location = "region"', 'location = "street"', 1)
                             .replace("allowed = true", "alowed = true", 1))
    rows = text.splitlines()
    location, alowed = rows.index('location = "street"') + 1, rows.index("alowed = true") + 1
    with pytest.raises(PolicyError) as caught:
        parse_policy(text.encode(), "p.toml")
    assert caught.value.message == "p.toml:1: colour: unknown field"
    assert caught.value.details == (
        f"p.toml:{location}: anonymisation.location: 'street' is not one of keep, region, macro_region, remove",
        f"p.toml:{alowed}: linking_key.alowed: unknown field",
    )


# --------------------------------------------------------------------------------------------------------
# References: rule categories (checked in the schema) and consent scripts (checked at init)
# --------------------------------------------------------------------------------------------------------


def test_a_rule_naming_an_undeclared_category_is_refused():
    text = STRICT_POLICY.read_text()
    third = text.index('applies_to = "transcript"')
    text = text[:third] + 'categories = ["DE", "X"]\n' + text[third:]
    line = text.splitlines().index('categories = ["DE", "X"]') + 1
    with pytest.raises(PolicyError) as caught:
        parse_policy(text.encode(), "strict.toml")
    assert caught.value.message == (
        f"strict.toml:{line}: rules[2].categories: unknown category 'X' (the policy defines P, DE, L, O)")
    assert "[[categories]]" in caught.value.hint


def test_a_rule_naming_declared_categories_is_kept():
    text = REFERENCE_POLICY.read_text().replace('applies_to = "audio"\n', 'applies_to = "audio"\ncategories = ["DE"]\n')
    assert parse_policy(text.encode(), "p.toml").rules[0].categories == ("DE",)


def test_the_bundled_policies_name_installed_consent_scripts():
    from fieldkit.consent.scripts import check_policy_references

    for path in BUNDLED:
        check_policy_references(load_policy(path))


def test_a_missing_consent_script_is_refused_with_the_line_of_the_scripts_key():
    from fieldkit.consent.scripts import check_policy_references

    text = REFERENCE_POLICY.read_text().replace('scripts = ["standard-oral"]',
                                                'scripts = ["standard-oral", "no-such-script"]', 1)
    line = text.splitlines().index('scripts = ["standard-oral", "no-such-script"]') + 1
    policy = parse_policy(text.encode(), "policy.toml")  # the schema alone cannot know which scripts exist
    assert policy.where("consent.scripts") == f"policy.toml:{line}"
    with pytest.raises(PolicyError) as caught:
        check_policy_references(policy)
    assert caught.value.message == (
        f"policy.toml:{line}: consent.scripts: no consent script 'no-such-script' in any language (en, ru, kk)")
    assert "standard-oral (en/ru/kk)" in caught.value.hint


def test_a_consent_script_in_one_language_is_enough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from fieldkit.consent import scripts

    (tmp_path / "standard-oral.ru.toml").write_bytes((scripts.scripts_dir() / "standard-oral.ru.toml").read_bytes())
    monkeypatch.setattr(scripts, "scripts_dir", lambda: tmp_path)
    scripts.check_policy_references(load_policy(REFERENCE_POLICY))
    with pytest.raises(PolicyError, match="no consent script 'standard-oral' in language 'en'"):
        scripts.load_script("standard-oral", "en")


def test_init_refuses_a_policy_naming_a_missing_consent_script(tmp_path: Path):
    from fieldkit.clock import FixedClock, parse_instant
    from fieldkit.session import create_project

    policy = tmp_path / "policy.toml"
    policy.write_text(REFERENCE_POLICY.read_text().replace('"standard-oral"', '"no-such-script"', 1))
    with pytest.raises(PolicyError, match=r"^policy\.toml:\d+: consent\.scripts: no consent script 'no-such-script'"):
        create_project(tmp_path / "project", policy, PASSPHRASE, FixedClock(parse_instant("2026-05-01T10:00:00Z")))
    assert not (tmp_path / "project").exists()


# --------------------------------------------------------------------------------------------------------
# Consent script files are a declared schema too
# --------------------------------------------------------------------------------------------------------

SCRIPT_TEXT = (REPO / "fieldkit" / "policies" / "consent" / "standard-oral.en.toml").read_text()


@pytest.mark.parametrize(("anchor", "field"), [
    pytest.param("[script]\n", "script.colour", id="script"),
    pytest.param('id = "audio_recording"\n', "items[1].colour", id="items"),
])
def test_an_unknown_key_in_a_consent_script_is_refused(anchor: str, field: str):
    from fieldkit.consent.scripts import parse_script

    text = SCRIPT_TEXT.replace(anchor, f"{anchor}colour = 1\n", 1)
    line = text.splitlines().index("colour = 1") + 1
    with pytest.raises(PolicyError) as caught:
        parse_script(text.encode(), "standard-oral.en.toml")
    assert caught.value.message == f"standard-oral.en.toml:{line}: {field}: unknown field"
    assert "takes only:" in caught.value.hint


def test_a_consent_script_without_the_participate_item_is_refused():
    from fieldkit.consent.scripts import parse_script

    text = SCRIPT_TEXT.replace('id = "participate"', 'id = "take_part"', 1)
    with pytest.raises(PolicyError, match=r"^s\.en\.toml:\d+: items: a consent script must ask the required item"):
        parse_script(text.encode(), "s.en.toml")
