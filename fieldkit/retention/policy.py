"""Policy files (policies/*.toml): parsed, validated, and reported with file, line and field on error."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from fieldkit.errors import PolicyError

OBJECT_KINDS = (
    "audio",
    "notes",
    "transcript",
    "document",
    "linking_key",
    "pseudonym_map",
    "consent_audio",
    "consent_form",
    "export",
)
RULE_TARGETS = (*OBJECT_KINDS, "all")
EVENTS = ("stored", "transcript_approved", "project_end", "consent_withdrawn", "export_done")
ACTIONS = ("destroy",)
LOCATION_LEVELS = ("keep", "region", "macro_region", "remove")
DATE_PRECISIONS = ("day", "month", "quarter", "year")
TRAVEL_SEALS = ("none", "approved", "all")  # how exports and the interview register show dates
_DURATION = re.compile(r"^\s*(\d+)\s*(h|d|w)\s*$")
_CATEGORY = re.compile(r"^[A-Z]{1,4}$")


@dataclass(frozen=True)
class Category:
    code: str
    description: str


@dataclass(frozen=True)
class Rule:
    applies_to: str
    after: str
    within: timedelta
    action: str
    categories: tuple[str, ...] = ()  # empty: every respondent category


@dataclass(frozen=True)
class Policy:
    name: str
    ethics_approval: str
    project_end: date
    categories: tuple[Category, ...]
    location_level: str
    rules: tuple[Rule, ...]
    linking_key_allowed: bool
    consent_scripts: tuple[str, ...] = ("standard-oral",)
    date_precision: str = "month"
    wipe_after_failed_unlocks: int = 0  # 0: never
    seal_after_export: bool = False  # seal each exported interview right after the export
    travel_seal: str = "none"  # which interviews `travel lock` seals for good: none | approved | all
    source_name: str = ""
    sha256: str = ""
    text: str = field(default="", repr=False)

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        known = ", ".join(c.code for c in self.categories)
        raise PolicyError(f"category {code!r} is not in this project's policy", f"known categories: {known}")


MAX_WITHIN = timedelta(days=365 * 100)


def parse_duration(text: str) -> timedelta:
    """24h, 3d, 2w — at most a hundred years (anything longer is a typo, and timedelta would overflow)."""
    match = _DURATION.match(text)
    if not match or len(match[1]) > 7:
        raise ValueError(text)
    amount, unit = int(match[1]), match[2]
    duration = {"h": timedelta(hours=amount), "d": timedelta(days=amount), "w": timedelta(weeks=amount)}[unit]
    if duration > MAX_WITHIN:
        raise ValueError(text)
    return duration


class _Checker:
    """Walks the parsed TOML, turning every problem into a PolicyError with file:line and field."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()

    def fail(self, field_path: str, problem: str) -> PolicyError:
        return PolicyError(f"{self.where(field_path)}: {field_path}: {problem}")

    def where(self, field_path: str) -> str:
        """file:line of a field such as ``rules[2].within``: the line of that key inside the third [[rules]]
        table (or the table's header when the key is missing); just the file name if the path is odd."""
        try:
            return self._where(field_path)
        except (ValueError, IndexError, re.error):  # a key with dots or brackets in its name
            return self.name

    def _where(self, field_path: str) -> str:
        table, _, key = field_path.rpartition(".")
        name, _, index = table.partition("[")
        start, end = 0, len(self.lines)
        if name:
            headers = [n for n, text in enumerate(self.lines) if re.match(rf"\s*\[\[?{re.escape(name)}\]\]?\s*$", text)]
            position = int(index.rstrip("]")) if index else 0
            if position < len(headers):
                start = headers[position]
                later = [n for n, text in enumerate(self.lines) if n > start and text.lstrip().startswith("[")]
                end = later[0] if later else len(self.lines)
        key = key.split("[")[0]
        for number in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*=", self.lines[number]):
                return f"{self.name}:{number + 1}"
        return f"{self.name}:{start + 1}" if name else self.name

    def table(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(f"{path}{key}", "missing table" if value is None else "must be a table")
        return value

    def string(self, data: dict, key: str, path: str, choices: tuple[str, ...] = ()) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{path}{key}", "missing" if value is None else "must be a non-empty string")
        if choices and value not in choices:
            raise self.fail(f"{path}{key}", f"{value!r} is not one of {', '.join(choices)}")
        return value


def load_policy(path: Path) -> Policy:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"cannot read policy {path}: {exc.strerror}") from exc
    return parse_policy(raw, path.name)


def parse_policy(raw: bytes, name: str) -> Policy:
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{name}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{name}: invalid TOML: {exc}") from exc
    except RecursionError as exc:
        raise PolicyError(f"{name}: invalid TOML: nested too deeply") from exc
    check = _Checker(name, text)

    head = check.table(data, "policy", "")
    title = check.string(head, "name", "policy.")
    approval = check.string(head, "ethics_approval", "policy.")
    end = head.get("project_end")
    if not isinstance(end, date):
        raise check.fail("policy.project_end", "must be a date like 2027-06-30")

    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise check.fail("categories", "at least one [[categories]] entry is required")
    categories = []
    for index, item in enumerate(raw_categories):
        path_ = f"categories[{index}]."
        if not isinstance(item, dict):
            raise check.fail(f"categories[{index}]", "must be a table ([[categories]])")
        code = check.string(item, "code", path_)
        if not _CATEGORY.match(code):
            raise check.fail(f"{path_}code", f"{code!r} must be 1-4 capital Latin letters")
        if any(c.code == code for c in categories):
            raise check.fail(f"{path_}code", f"{code!r} is defined twice")
        categories.append(Category(code, check.string(item, "description", path_)))

    anonymisation = check.table(data, "anonymisation", "")
    location = check.string(anonymisation, "location", "anonymisation.", LOCATION_LEVELS)

    linking = data.get("linking_key", {})
    allowed = linking.get("allowed", False) if isinstance(linking, dict) else None
    if not isinstance(allowed, bool):
        raise check.fail("linking_key.allowed", "must be true or false")

    consent = data.get("consent", {})
    scripts = consent.get("scripts", ["standard-oral"]) if isinstance(consent, dict) else None
    if not isinstance(scripts, list) or not scripts or not all(isinstance(s, str) and s for s in scripts):
        raise check.fail("consent.scripts", "must be a non-empty list of consent script ids")

    export = data.get("export", {})
    if not isinstance(export, dict):
        raise check.fail("export", "must be a table")
    unknown = set(export) - {"date_precision"}
    if unknown:
        raise check.fail(f"export.{sorted(unknown)[0]}", "unknown field")
    precision = check.string(export, "date_precision", "export.", DATE_PRECISIONS) if export else "month"

    duress = data.get("duress", {})
    if not isinstance(duress, dict):
        raise check.fail("duress", "must be a table")
    unknown = set(duress) - {"wipe_after_failed_unlocks"}
    if unknown:
        raise check.fail(f"duress.{sorted(unknown)[0]}", "unknown field")
    wipe_after = duress.get("wipe_after_failed_unlocks", 0)
    if not isinstance(wipe_after, int) or isinstance(wipe_after, bool) or not 0 <= wipe_after <= 1000:
        raise check.fail("duress.wipe_after_failed_unlocks", "must be a whole number from 0 (never) to 1000")

    seal = data.get("seal", {})
    if not isinstance(seal, dict) or set(seal) - {"after_export"}:
        raise check.fail("seal", "must be a table with only after_export = true/false")
    seal_after_export = seal.get("after_export", False)
    if not isinstance(seal_after_export, bool):
        raise check.fail("seal.after_export", "must be true or false")
    travel = data.get("travel", {})
    if not isinstance(travel, dict) or set(travel) - {"seal"}:
        raise check.fail("travel", "must be a table with only seal = \"none\" | \"approved\" | \"all\"")
    travel_seal = check.string(travel, "seal", "travel.", TRAVEL_SEALS) if "seal" in travel else "none"

    rules = []
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise check.fail("rules", "at least one [[rules]] entry is required")
    for index, item in enumerate(raw_rules):
        path_ = f"rules[{index}]."
        if not isinstance(item, dict):
            raise check.fail(f"rules[{index}]", "must be a table ([[rules]])")
        within_text = check.string(item, "within", path_)
        try:
            within = parse_duration(within_text)
        except ValueError:
            raise check.fail(f"{path_}within", f"{within_text!r} is not a duration like 24h, 3d or 2w") from None
        only = item.get("categories", [])
        if not isinstance(only, list) or not all(isinstance(c, str) for c in only):
            raise check.fail(f"{path_}categories", "must be a list of category codes")
        for code in only:
            if not any(c.code == code for c in categories):
                known = ", ".join(c.code for c in categories)
                raise check.fail(f"{path_}categories", f"unknown category {code!r} (the policy defines {known})")
        unknown = set(item) - {"applies_to", "after", "within", "action", "categories"}
        if unknown:
            raise check.fail(f"{path_}{sorted(unknown)[0]}", "unknown field")
        rules.append(
            Rule(
                applies_to=check.string(item, "applies_to", path_, RULE_TARGETS),
                after=check.string(item, "after", path_, EVENTS),
                within=within,
                action=check.string(item, "action", path_, ACTIONS),
                categories=tuple(only),
            )
        )

    return Policy(
        name=title,
        ethics_approval=approval,
        project_end=end,
        categories=tuple(categories),
        location_level=location,
        rules=tuple(rules),
        linking_key_allowed=allowed,
        consent_scripts=tuple(scripts),
        date_precision=precision,
        wipe_after_failed_unlocks=wipe_after,
        seal_after_export=seal_after_export,
        travel_seal=travel_seal,
        source_name=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
    )
