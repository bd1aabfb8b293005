"""Local speech-to-text with faster-whisper; audio is decrypted into memory only."""
