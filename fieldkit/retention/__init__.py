"""Retention policies: what must be destroyed, after which event, within how long."""
