"""Finding and replacing identifying details: Presidio with offline models, per language."""
