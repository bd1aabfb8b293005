"""Stored objects: each kind has a declared schema with a version, and is validated when it is read.

Every object in the vault is JSON inside an age-encrypted blob. Its layout is a pydantic model derived from
:class:`StoredModel` (unknown fields refused, no type coercion) with a ``schema`` field, the version of that
layout. Objects written before versioning have no ``schema`` key and read as version 1. An object from a newer
fieldkit, or one that fails validation, raises :class:`~fieldkit.errors.CorruptObject` whose message names only
the kind of object and the field (``stored transcript is malformed: segments.3.start: not a number``), never
its content: dictionary keys in a field path (names in the pseudonym map) are shown as ``*``.

This module sits in the lowest layer: it imports nothing from fieldkit but :mod:`fieldkit.errors`.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldkit.errors import CorruptObject

#: Objects written before stored objects carried a version are version 1.
UNVERSIONED = 1
MAX_DETAILS = 10

_DAMAGED_HINT = "restore the blob from a fieldkit backup; other objects are unaffected"
_NEWER_HINT = "open this project with the fieldkit version that wrote it, or upgrade fieldkit; nothing was changed"

_PROBLEMS = {
    "missing": "missing",
    "extra_forbidden": "unknown field",
    "float_type": "not a number",
    "float_parsing": "not a number",
    "finite_number": "not a finite number",
    "int_type": "not an integer",
    "int_parsing": "not an integer",
    "int_from_float": "not an integer",
    "string_type": "not a string",
    "bool_type": "not true or false",
    "list_type": "not a list",
    "tuple_type": "not a list",
    "dict_type": "not an object",
    "model_type": "not an object",
    "model_attributes_type": "not an object",
    "too_short": "too few items",
    "too_long": "too many items",
    "greater_than": "out of range",
    "greater_than_equal": "out of range",
    "less_than": "out of range",
    "less_than_equal": "out of range",
    "literal_error": "not one of the allowed values",
}


class StrictModel(BaseModel):
    """A part of a stored object: unknown fields refused, JSON types taken as they are (no coercion), and
    input values kept out of pydantic's own error text."""

    model_config = ConfigDict(extra="forbid", strict=True, hide_input_in_errors=True, populate_by_name=True)


class StoredModel(StrictModel):
    """A whole stored object. Subclasses set ``SCHEMA``, the version this fieldkit writes and reads."""

    SCHEMA: ClassVar[int] = 1
    # pydantic's BaseModel has a ``schema`` attribute, hence the underscore; the JSON key is "schema"
    schema_: int = Field(UNVERSIONED, alias="schema", ge=1)


M = TypeVar("M", bound=StoredModel)


def dump_stored(model: type[StoredModel], body: dict[str, Any], *, sort_keys: bool = False) -> bytes:
    """The bytes of an object: ``body`` with the current ``schema`` version first, as UTF-8 JSON."""
    return json.dumps({"schema": model.SCHEMA, **body}, ensure_ascii=False, sort_keys=sort_keys).encode()


def load_stored(model: type[M], data: bytes, kind: str) -> M:
    """Parse and validate the bytes of an object of ``kind`` (e.g. "transcript"), or raise CorruptObject."""
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError) as exc:  # bad JSON, bad UTF-8 (a ValueError too), absurd nesting
        raise CorruptObject(f"stored {kind} is not valid JSON", _DAMAGED_HINT) from exc
    if not isinstance(raw, dict):
        raise CorruptObject(f"stored {kind} is malformed: not a JSON object", _DAMAGED_HINT)
    version = raw.get("schema", UNVERSIONED)
    if isinstance(version, int) and not isinstance(version, bool) and version > model.SCHEMA:
        raise CorruptObject(
            f"stored {kind} was written by a newer fieldkit (format version {version}; this fieldkit reads up to "
            f"version {model.SCHEMA})",
            _NEWER_HINT,
        )
    try:
        return model.model_validate({**raw, "schema": version})
    except ValidationError as exc:
        problems = _problems(model, exc)
        raise CorruptObject(
            f"stored {kind} is malformed: {problems[0]}"
            + (f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""),
            _DAMAGED_HINT,
            details=tuple(problems[:MAX_DETAILS]) if len(problems) > 1 else (),
        ) from exc


def _problems(model: type[StrictModel], exc: ValidationError) -> list[str]:
    """One line per validation error: field path and what is wrong, without the offending values."""
    names = _field_names(model)
    lines: list[str] = []
    for error in exc.errors(include_input=False, include_url=False, include_context=False):
        loc = list(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            loc.pop()  # the unknown key itself comes from the object
        parts = [str(p) if isinstance(p, int) or p in names else "*" for p in loc]
        line = f"{'.'.join(parts) or '(top level)'}: {_PROBLEMS.get(error['type'], 'invalid value')}"
        if line not in lines:
            lines.append(line)
    return lines


def _field_names(model: type[StrictModel]) -> set[str]:
    """Every field name (and alias) of ``model`` and the models nested in it: the only words a path may show."""
    names: set[str] = set()
    seen: set[type] = set()

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for name, info in annotation.model_fields.items():
                names.add(name)
                if info.alias:
                    names.add(info.alias)
                visit(info.annotation)
        elif isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
            for arg in typing.get_args(annotation):
                visit(arg)

    visit(model)
    return names
