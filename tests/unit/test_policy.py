from __future__ import annotations

from datetime import date, timedelta

import pytest

from fieldkit.errors import PolicyError
from fieldkit.retention.policy import load_policy, parse_policy
from tests.conftest import REFERENCE_POLICY


def test_reference_protocol_loads_with_its_rules():
    policy = load_policy(REFERENCE_POLICY)
    assert policy.project_end == date(2027, 6, 30)
    assert [c.code for c in policy.categories] == ["P", "DE", "L", "O"]
    rules = {(r.applies_to, r.after): r.within for r in policy.rules}
    assert rules[("audio", "transcript_approved")] == timedelta(days=3)
    assert rules[("linking_key", "project_end")] == timedelta(days=30)
    assert rules[("all", "consent_withdrawn")] == timedelta(hours=24)


def broken(old: str, new: str) -> bytes:
    return REFERENCE_POLICY.read_text().replace(old, new, 1).encode()


def test_invalid_toml_names_file_and_line():
    with pytest.raises(PolicyError, match=r"p\.toml: invalid TOML: .*line 7"):
        parse_policy(broken('name = "Reference protocol"', 'name = "unterminated'), "p.toml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('within = "3d"', 'within = "three days"', r"p\.toml:\d+: rules\[0\]\.within: 'three days' is not a duration"),
        ('applies_to = "audio"', 'applies_to = "video"', r"rules\[0\]\.applies_to: 'video' is not one of"),
        ('code = "DE"', 'code = "P"', r"categories\[1\]\.code: 'P' is defined twice"),
        ('location = "region"', 'location = "street"', r"anonymisation\.location: 'street'"),
        ("project_end = 2027-06-30", 'project_end = "soon"', r"policy\.project_end: must be a date"),
        ('ethics_approval = "REC-2026-014"\n', "", r"policy\.ethics_approval: missing"),
    ],
)
def test_field_errors_name_the_field(old, new, message):
    with pytest.raises(PolicyError, match=message):
        parse_policy(broken(old, new), "p.toml")


def test_unknown_category_lists_the_known_ones():
    policy = load_policy(REFERENCE_POLICY)
    with pytest.raises(PolicyError) as caught:
        policy.category("X")
    assert "P, DE, L, O" in caught.value.hint


def test_errors_point_at_the_right_rule():
    text = REFERENCE_POLICY.read_text()
    third = text.index('applies_to = "pseudonym_map"')
    broken_text = text[:third] + text[third:].replace('within = "30d"', 'within = "a month"', 1)
    line = next(n for n, row in enumerate(broken_text.splitlines(), 1) if "a month" in row)
    with pytest.raises(PolicyError, match=rf"p\.toml:{line}: rules\[3\]\.within"):
        parse_policy(broken_text.encode(), "p.toml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('after = "project_end"', 'after = "project_finished"', r"rules\[2\]\.after: 'project_finished' is not one of"),
        ('applies_to = "audio"\n', 'applies_to = "audio"\ncategories = ["X"]\n',
         r"rules\[0\]\.categories: unknown category 'X' \(the policy defines P, DE, L, O\)"),
        ('action = "destroy"', 'action = "archive"', r"rules\[0\]\.action: 'archive' is not one of destroy"),
        ('action = "destroy"', 'action = "destroy"\nkeep_copies = true', r"rules\[0\]\.keep_copies: unknown field"),
    ],
)
def test_rule_errors_are_located(old, new, message):
    with pytest.raises(PolicyError, match=message):
        parse_policy(broken(old, new), "p.toml")


def test_the_stricter_example_policy_is_valid():
    strict = load_policy(REFERENCE_POLICY.parent / "strict.toml")
    assert strict.linking_key_allowed is False and strict.location_level == "macro_region"
    assert min(rule.within for rule in strict.rules) == timedelta(hours=24)
