"""The command line: parse, call the services and the core library, print. No logic and no SQL of its own.

One module per command group; each registers its commands on :data:`fieldkit.cli.app.main`.
"""

from __future__ import annotations

from fieldkit.cli import (  # noqa: F401
    anonymise,
    audit,
    capture,
    coding,
    consent,
    export,
    interview,
    lexicon,
    project,
    transcribe,
)
from fieldkit.cli.app import main, run

__all__ = ["main", "run"]
