"""The error tree: one exit code per error, a hint for every error, and docs/exit-codes.md generated from it."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from pathlib import Path

import fieldkit
from fieldkit import errors

DOC = Path(__file__).resolve().parents[2] / "docs" / "exit-codes.md"
REGENERATE = "docs/exit-codes.md is out of date with fieldkit/errors.py: regenerate it with `scripts/exit-codes`"


def every_error_class() -> list[type[errors.FieldkitError]]:
    """FieldkitError's subclasses, recursively, wherever in fieldkit they are defined (every module imported)."""
    for info in pkgutil.walk_packages(fieldkit.__path__, "fieldkit."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found: list[type[errors.FieldkitError]] = []
    pending = list(errors.FieldkitError.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls not in found:
            found.append(cls)
            pending.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.split(".")[0] == "fieldkit"]  # not a test's own subclass


def test_every_exit_code_is_unique():
    by_code: dict[int, list[str]] = defaultdict(list)
    for cls in [errors.FieldkitError, *every_error_class()]:
        by_code[cls.exit_code].append(f"{cls.__module__}.{cls.__qualname__}")
    shared = {code: names for code, names in by_code.items() if len(names) > 1}
    assert not shared, f"exit codes shared by several errors: {shared}"
    assert 0 not in by_code and 70 not in by_code  # success, and the CLI's internal error


def test_every_error_has_a_hint_and_a_meaning():
    for cls in [errors.FieldkitError, *every_error_class()]:
        assert cls.default_hint.strip(), f"{cls.__name__} has no default_hint"
        assert (cls.__doc__ or "").strip(), f"{cls.__name__} has no docstring (its first line is its meaning)"
        assert cls("message").hint == cls.default_hint


def test_every_error_is_defined_in_errors_py():
    """The exit-code table is generated from fieldkit/errors.py alone, so no error may live elsewhere."""
    elsewhere = [f"{cls.__module__}.{cls.__qualname__}" for cls in every_error_class()
                 if cls.__module__ != "fieldkit.errors"]
    assert elsewhere == [], f"move these into fieldkit/errors.py: {elsewhere}"


def test_the_table_lists_every_error_once():
    table = errors.exit_code_table()
    for cls in [errors.FieldkitError, *every_error_class()]:
        assert table.count(f"| {cls.exit_code} | `{cls.__name__}` |") == 1, cls.__name__


def test_exit_code_doc_is_generated_from_errors_py():
    assert DOC.read_text(encoding="utf-8") == errors.exit_code_table(), REGENERATE
