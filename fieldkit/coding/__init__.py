"""Coding: a codebook, and codes applied to spans of anonymised text (never to raw transcripts)."""
