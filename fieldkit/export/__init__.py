"""Exports of anonymised, approved material only — each one gated and logged."""
