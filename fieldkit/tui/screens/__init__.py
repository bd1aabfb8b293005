"""One screen per task: unlock, dashboard, consent, capture, transcription, review, coding, export, audit."""
