"""`python -m fieldkit.cli` runs the command line (tests and scripts use it with the venv's Python)."""

from fieldkit.cli import run

run()
