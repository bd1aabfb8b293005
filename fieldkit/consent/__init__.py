"""Respondents (by code only), consent and withdrawal."""
