"""Getting interviews in: audio files (and later live recording and typed notes)."""
