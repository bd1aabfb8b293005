"""Policy files (policies/*.toml): a declared schema, reported with file, line and field on error.

Every table of a policy is a pydantic model that refuses unknown keys (``extra="forbid"``) and does not
coerce types (``strict``): a typo such as ``alowed = true`` under ``[linking_key]`` is an error, never a silent
default. Validation failures become one :class:`PolicyError` worded for the TOML file, e.g.
``policy.toml:12: linking_key.alowed: unknown field``, with a hint (the allowed fields, or the reference policy).
The schema helpers here (``StrictTable``, ``problem``, ``schema_error``, ``toml_line``) also serve the consent
script files (fieldkit/consent/scripts.py).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from fieldkit.errors import PolicyError

OBJECT_KINDS = (
    "audio",
    "notes",
    "notes_draft",  # notes still being typed in the terminal app (fieldkit/capture/notes.py): short-lived
    "transcript",
    "document",
    "linking_key",
    "pseudonym_map",
    "lexicon",  # identifiers the researcher typed in advance (fieldkit/anonymise/lexicon.py)
    "consent_audio",
    "consent_form",
    "export",
)
RULE_TARGETS = (*OBJECT_KINDS, "all")
#: captured: when the interview was captured (a backstop that needs no later step, e.g. audio kept at most
#: 30 days even while its transcript waits for approval)
EVENTS = ("stored", "captured", "transcript_approved", "project_end", "consent_withdrawn", "export_done")
ACTIONS = ("destroy",)
LOCATION_LEVELS = ("keep", "region", "macro_region", "remove")
#: What the anonymiser does with a quasi-identifier of each kind: leave it, generalise it (a sum to its order
#: of magnitude, an age to a band, a date to a period of years, a time to the part of the day, a term to a
#: band of years) or replace it with a numbered placeholder.
QUASI_MODES = ("keep", "generalise", "remove")
#: [anonymisation] key → the entities (anonymise.engine) it governs.
QUASI_KINDS = {"dates": ("DATE_TIME", "DATE_WORDS"), "ages": ("AGE",), "sums": ("MONEY",), "times": ("TIME",),
               "durations": ("DURATION",)}
DATE_PRECISIONS = ("day", "month", "quarter", "year")
TRAVEL_SEALS = ("none", "approved", "all")  # how exports and the interview register show dates
_DURATION = re.compile(r"^\s*(\d+)\s*(h|d|w)\s*$")
_CATEGORY = re.compile(r"^[A-Z]{1,4}$")


@dataclass(frozen=True)
class Category:
    code: str
    description: str


@dataclass(frozen=True)
class QuasiModes:
    """[anonymisation] dates, ages, sums, times, durations: keep | generalise | remove each. Dates default to
    "remove", as fieldkit did before the keys existed (a policy that does not say is not loosened); the rest were
    generalised already and default to it."""

    dates: str = "remove"
    ages: str = "generalise"
    sums: str = "generalise"
    times: str = "generalise"
    durations: str = "generalise"

    def mode_for(self, entity: str) -> str | None:
        """The mode for a finding's entity; None for entities that are not quasi-identifiers of these kinds."""
        for kind, entities in QUASI_KINDS.items():
            if entity in entities:
                return getattr(self, kind)
        return None


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
    quasi: QuasiModes = QuasiModes()
    source_name: str = ""
    sha256: str = ""
    text: str = field(default="", repr=False)

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        known = ", ".join(c.code for c in self.categories)
        raise PolicyError(f"category {code!r} is not in this project's policy", f"known categories: {known}")

    def line_of(self, field_path: str) -> int | None:
        """The line (from 1) of a field such as ``consent.scripts`` or ``rules[2].within`` in this policy's text:
        the key's own line, or the line of its table when the key is absent; None when neither is in the file."""
        return toml_line(self.text, _parse_field_path(field_path))

    def where(self, field_path: str) -> str:
        """``FILE:LINE`` of a field (just ``FILE`` when the file does not contain it), for error messages."""
        line = self.line_of(field_path)
        return self.source_name if line is None else f"{self.source_name}:{line}"


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


# --------------------------------------------------------------------------------------------------------
# Where a field is in a TOML text (for FILE:LINE in error messages)
# --------------------------------------------------------------------------------------------------------

Loc = tuple[str | int, ...]  # a field's location, as pydantic gives it: ("rules", 2, "within")

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER = re.compile(rf"\s*\[\[\s*({_KEY})\s*\]\]\s*(?:#.*)?$")
_TABLE_HEADER = re.compile(rf"\s*\[\s*({_KEY})\s*\]\s*(?:#.*)?$")
_KEY_LINE = re.compile(rf"\s*({_KEY})\s*=")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key_parts(key: str) -> tuple[str, ...]:
    """``a."b.c".d`` -> ("a", "b.c", "d")."""
    parts = []
    for token in re.findall(_KEY_PART, key):
        if token.startswith('"'):
            try:
                token = json.loads(token)  # TOML basic-string escapes are JSON's, bar a few rare ones
            except ValueError:
                token = token[1:-1]
        elif token.startswith("'"):
            token = token[1:-1]
        parts.append(token)
    return tuple(parts)


def _field_lines(text: str) -> dict[Loc, int]:
    """The line (from 1) of every table header and key in a TOML text, by location. [[array]] entries are
    numbered as tomllib numbers them; a header or key also gives its line to enclosing tables that have none
    yet. Multi-line strings are skipped; the keys of an inline table share their table's line."""
    lines: dict[Loc, int] = {}
    arrays: dict[Loc, int] = {}  # the index of the last [[entry]] of each array of tables seen so far
    current: Loc = ()
    inside = ""  # the delimiter of the multi-line string being skipped

    def resolve(parts: tuple[str, ...]) -> Loc:
        loc: Loc = ()
        for part in parts:
            loc += (part,)
            if loc in arrays:  # [rules.x] after [[rules]] means the last rules entry
                loc += (arrays[loc],)
        return loc

    def record(loc: Loc, number: int) -> None:
        for end in range(1, len(loc) + 1):
            lines.setdefault(loc[:end], number)

    for number, line in enumerate(text.splitlines(), 1):
        if inside:
            if line.count(inside) % 2:
                inside = ""
            continue
        if match := _ARRAY_HEADER.match(line):
            parts = _key_parts(match[1])
            table = resolve(parts[:-1]) + parts[-1:]
            arrays[table] = arrays.get(table, -1) + 1
            current = (*table, arrays[table])
            record(current, number)
        elif match := _TABLE_HEADER.match(line):
            current = resolve(_key_parts(match[1]))
            record(current, number)
        elif match := _KEY_LINE.match(line):
            record(current + _key_parts(match[1]), number)
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2:
                inside = delimiter
                break
    return lines


def _nearest_line(lines: dict[Loc, int], loc: Loc) -> int | None:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def toml_line(text: str, loc: Loc) -> int | None:
    """The line (from 1) of the field at ``loc`` in a TOML text, else of the nearest enclosing table or key
    the text has (the table's header when the key is missing); None when the text has none of them."""
    return _nearest_line(_field_lines(text), tuple(loc))


def _parse_field_path(path: str) -> Loc:
    """``rules[2].within`` -> ("rules", 2, "within") (bare keys only)."""
    return tuple(int(index) if index else key for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path))


def _field_path(loc: Loc) -> str:
    """("rules", 2, "keep.copies") -> ``rules[2]."keep.copies"``: the field as it would be written in TOML."""
    path = ""
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        else:
            key = step if _BARE_KEY.fullmatch(step) else json.dumps(step, ensure_ascii=False)
            path += f".{key}" if path else key
    return path


# --------------------------------------------------------------------------------------------------------
# Declared schema: building blocks (also used by fieldkit/consent/scripts.py)
# --------------------------------------------------------------------------------------------------------


class StrictTable(BaseModel):
    """One TOML table: unknown keys refused, no type coercion (the string "true" is not true), read-only."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def problem(message: str, hint: str = "", at: Loc = ()) -> PydanticCustomError:
    """A validation failure in fieldkit's words, raised from a validator. ``at`` extends the location of the
    field being validated (a validator of the whole categories list points at ``[1].code``, say)."""
    return PydanticCustomError("fieldkit", "{problem}", {"problem": message, "hint": hint, "at": tuple(at)})


def worded(message: str, hint: str = "") -> WrapValidator:
    """Whatever the declared type underneath refuses is reported as ``message``."""

    def validate(value: Any, handler: Any) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise problem(message, hint) from None

    return WrapValidator(validate)


def _non_empty_string(value: Any, handler: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise problem("must be a non-empty string")
    return handler(value)


Text = Annotated[str, WrapValidator(_non_empty_string)]


def one_of(*choices: str) -> Any:
    """A type: a non-empty string among ``choices`` (declared as a Literal)."""

    def validate(value: Any, handler: Any) -> Any:
        _non_empty_string(value, lambda text: text)
        try:
            return handler(value)
        except ValidationError:
            raise problem(f"{value!r} is not one of {', '.join(choices)}") from None

    return Annotated[Literal[choices], WrapValidator(validate)]


def entries(table: str) -> WrapValidator:
    """For an array of tables: at least one [[table]] entry; each entry is then validated on its own."""

    def validate(value: Any, handler: Any) -> Any:
        if not isinstance(value, list) or not value:
            raise problem(f"at least one [[{table}]] entry is required")
        return handler(value)

    return WrapValidator(validate)


def read_toml(raw: bytes, name: str) -> tuple[str, dict[str, Any]]:
    """The text and the parsed document, or a PolicyError naming the file."""
    try:
        text = raw.decode("utf-8")
        return text, tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{name}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{name}: invalid TOML: {exc}") from exc
    except RecursionError as exc:
        raise PolicyError(f"{name}: invalid TOML: nested too deeply") from exc


def schema_error(name: str, text: str, error: ValidationError, schema: type[BaseModel], *, what: str,
                 example: str) -> PolicyError:
    """One PolicyError for a failed validation of the TOML file ``name`` against ``schema``:
    ``FILE:LINE: field.path: problem`` for the first problem in the file, every further problem as a detail
    line, and a hint (for an unknown key: the allowed keys; otherwise ``example``, a valid file)."""
    lines = _field_lines(text)
    found = []
    for detail in error.errors(include_url=False):
        loc, message, hint = _explain(schema, detail, example)
        line = _nearest_line(lines, loc)
        where = name if line is None else f"{name}:{line}"
        path = _field_path(loc)
        found.append((line or 0, f"{where}: {path}: {message}" if path else f"{where}: {message}", hint))
    found.sort(key=lambda item: (item[0] == 0, item[0]))  # in file order; then those with no line (missing)
    (_, message, hint), *others = found
    return PolicyError(message, hint or f"fix the {what}; see {example} for a valid example",
                       tuple(other for _, other, _ in others))


def _explain(schema: type[BaseModel], detail: Any, example: str) -> tuple[Loc, str, str]:
    """(location, problem, hint) of one pydantic error, worded for a TOML file."""
    kind, loc, context = detail["type"], tuple(detail["loc"]), detail.get("ctx") or {}
    if kind == "fieldkit":
        return loc + tuple(context.get("at", ())), context["problem"], context.get("hint", "")
    key = loc[-1] if loc else ""
    parent = _model_at(schema, loc[:-1])
    if kind == "extra_forbidden":
        unknown = "unknown table" if len(loc) == 1 and isinstance(detail["input"], dict | list) else "unknown field"
        return loc, unknown, _allowed_keys(parent, loc, example)
    if kind == "missing" and parent is not None and key in parent.model_fields:
        annotation = parent.model_fields[key].annotation
        if _model_in(annotation) is None:
            return loc, "missing", f"add {key} = … under {_table_header(loc[:-1])} (see {example})"
        if get_origin(annotation) is list:
            return loc, f"at least one [[{key}]] entry is required", f"add a [[{key}]] table (see {example})"
        return loc, "missing table", f"add the [{_field_path(loc)}] table (see {example})"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        array = isinstance(key, int) and len(loc) > 1
        return loc, f"must be a table ([[{loc[-2]}]])" if array else "must be a table", ""
    return loc, detail["msg"][:1].lower() + detail["msg"][1:], ""


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The table model inside a field's type (``list[RuleEntry]`` -> RuleEntry), if it has one."""
    if get_origin(annotation) is None and isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        if (model := _model_in(argument)) is not None:
            return model
    return None


def _model_at(schema: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    model: type[BaseModel] | None = schema
    for step in loc:
        if isinstance(step, int):
            continue
        if model is None or step not in model.model_fields:
            return None
        model = _model_in(model.model_fields[step].annotation)
    return model


def _header(name: str, annotation: Any) -> str:
    return f"[[{name}]]" if get_origin(annotation) is list else f"[{name}]"


def _allowed_keys(model: type[BaseModel] | None, loc: Loc, example: str) -> str:
    """The hint for an unknown key: the nearest allowed name, if one is close, and all allowed names."""
    if model is None:
        return ""
    names = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), names, n=1)
    guess = f"did you mean {close[0]!r}? " if close else ""
    if len(loc) == 1:
        tables = ", ".join(_header(name, info.annotation) for name, info in model.model_fields.items())
        return f"{guess}the file takes only these tables: {tables} (see {example})"
    return f"{guess}{_table_header(loc[:-1])} takes only: {', '.join(names)} (see {example})"


def _table_header(loc: Loc) -> str:
    """("rules", 2) -> ``[[rules]]``, ("linking_key",) -> ``[linking_key]``, () -> the top of the file."""
    if not loc:
        return "the top of the file"
    table = ".".join(step for step in loc if isinstance(step, str))
    return f"[[{table}]]" if isinstance(loc[-1], int) else f"[{table}]"


# --------------------------------------------------------------------------------------------------------
# The policy schema: one model per table
# --------------------------------------------------------------------------------------------------------

REFERENCE_EXAMPLE = "policies/reference-protocol.toml"

Flag = Annotated[bool, worded("must be true or false")]
EndDate = Annotated[date, worded("must be a date like 2027-06-30", "write a TOML date, without quotes")]
WipeCount = Annotated[int, Field(ge=0, le=1000), worded("must be a whole number from 0 (never) to 1000")]
LocationLevel = one_of(*LOCATION_LEVELS)
DatePrecision = one_of(*DATE_PRECISIONS)
QuasiMode = one_of(*QUASI_MODES)
TravelSeal = one_of(*TRAVEL_SEALS)
RuleTarget = one_of(*RULE_TARGETS)
Event = one_of(*EVENTS)
Action = one_of(*ACTIONS)
CategoryCodes = Annotated[list[str], worded("must be a list of category codes")]
ScriptIds = Annotated[
    list[Annotated[str, Field(min_length=1)]],
    Field(min_length=1),
    worded("must be a non-empty list of consent script ids", "e.g. scripts = [\"standard-oral\"]"),
]


def _category_code(value: Any, handler: Any) -> Any:
    code = _non_empty_string(value, handler)
    if not _CATEGORY.fullmatch(code):
        raise problem(f"{code!r} must be 1-4 capital Latin letters")
    return code


def _duration(value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise problem("must be a non-empty string")
    try:
        return parse_duration(value)
    except ValueError:
        raise problem(f"{value!r} is not a duration like 24h, 3d or 2w",
                      "a whole number of hours, days or weeks (h, d, w), at most a hundred years") from None


CategoryCode = Annotated[str, WrapValidator(_category_code)]
Duration = Annotated[timedelta, BeforeValidator(_duration)]


class PolicyHead(StrictTable):
    """[policy]"""

    name: Text
    ethics_approval: Text
    project_end: EndDate


class CategoryEntry(StrictTable):
    """[[categories]]"""

    code: CategoryCode
    description: Text


class AnonymisationTable(StrictTable):
    """[anonymisation]"""

    location: LocationLevel
    dates: QuasiMode = "remove"
    ages: QuasiMode = "generalise"
    sums: QuasiMode = "generalise"
    times: QuasiMode = "generalise"
    durations: QuasiMode = "generalise"


class ExportTable(StrictTable):
    """[export]"""

    date_precision: DatePrecision = "month"


class LinkingKeyTable(StrictTable):
    """[linking_key]"""

    allowed: Flag = False


class ConsentTable(StrictTable):
    """[consent]"""

    scripts: ScriptIds = Field(default_factory=lambda: ["standard-oral"])


class DuressTable(StrictTable):
    """[duress]"""

    wipe_after_failed_unlocks: WipeCount = 0


class SealTable(StrictTable):
    """[seal]"""

    after_export: Flag = False


class TravelTable(StrictTable):
    """[travel]"""

    seal: TravelSeal = "none"


class RuleEntry(StrictTable):
    """[[rules]]"""

    applies_to: RuleTarget
    after: Event
    within: Duration
    action: Action
    categories: CategoryCodes = Field(default_factory=list)  # empty: every respondent category


class PolicyFile(StrictTable):
    """A whole policy file: these tables and no others."""

    policy: PolicyHead
    categories: Annotated[list[CategoryEntry], entries("categories")]
    anonymisation: AnonymisationTable
    export: ExportTable = ExportTable()
    linking_key: LinkingKeyTable = LinkingKeyTable()
    consent: ConsentTable = ConsentTable()
    duress: DuressTable = DuressTable()
    seal: SealTable = SealTable()
    travel: TravelTable = TravelTable()
    rules: Annotated[list[RuleEntry], entries("rules")]

    @field_validator("categories")
    @classmethod
    def _codes_defined_once(cls, categories: list[CategoryEntry]) -> list[CategoryEntry]:
        seen: set[str] = set()
        for index, category in enumerate(categories):
            if category.code in seen:
                raise problem(f"{category.code!r} is defined twice", "give each [[categories]] entry its own code",
                              at=(index, "code"))
            seen.add(category.code)
        return categories

    @model_validator(mode="after")
    def _rules_name_declared_categories(self) -> PolicyFile:
        known = [category.code for category in self.categories]
        for index, rule in enumerate(self.rules):
            for code in rule.categories:
                if code not in known:
                    raise problem(f"unknown category {code!r} (the policy defines {', '.join(known)})",
                                  f"declare {code!r} in a [[categories]] entry, or take it out of this rule",
                                  at=("rules", index, "categories"))
        return self


def load_policy(path: Path) -> Policy:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"cannot read policy {path}: {exc.strerror}") from exc
    return parse_policy(raw, path.name)


def parse_policy(raw: bytes, name: str) -> Policy:
    text, data = read_toml(raw, name)
    try:
        document = PolicyFile.model_validate(data)
    except ValidationError as exc:
        raise schema_error(name, text, exc, PolicyFile, what="policy file", example=REFERENCE_EXAMPLE) from exc
    return Policy(
        name=document.policy.name,
        ethics_approval=document.policy.ethics_approval,
        project_end=document.policy.project_end,
        categories=tuple(Category(entry.code, entry.description) for entry in document.categories),
        location_level=document.anonymisation.location,
        rules=tuple(
            Rule(applies_to=rule.applies_to, after=rule.after, within=rule.within, action=rule.action,
                 categories=tuple(rule.categories))
            for rule in document.rules
        ),
        linking_key_allowed=document.linking_key.allowed,
        consent_scripts=tuple(document.consent.scripts),
        date_precision=document.export.date_precision,
        wipe_after_failed_unlocks=document.duress.wipe_after_failed_unlocks,
        seal_after_export=document.seal.after_export,
        travel_seal=document.travel.seal,
        quasi=QuasiModes(**{kind: getattr(document.anonymisation, kind) for kind in QUASI_KINDS}),
        source_name=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
    )


def rule_name(rule: Rule) -> str:
    """A rule's short name in logs and reports, e.g. ``audio:transcript_approved:3d``."""
    hours = int(rule.within.total_seconds() // 3600)
    within = f"{hours // 24}d" if hours % 24 == 0 else f"{hours}h"
    return f"{rule.applies_to}:{rule.after}:{within}"
