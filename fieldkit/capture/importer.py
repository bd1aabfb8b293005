"""Import a dictaphone or phone recording: validate, compress to Opus, encrypt, index — all in memory."""

from __future__ import annotations

from pathlib import Path

from fieldkit.capture import audio
from fieldkit.consent.records import require
from fieldkit.errors import InvalidAudio
from fieldkit.interviews import insert_interview, new_interview_id, set_field
from fieldkit.vault.project import Project

SUPPORTED_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".flac")


def import_audio(project: Project, respondent: str, source: Path) -> str:
    """Store ``source`` as a new interview of ``respondent``; returns the interview id.

    Nothing is stored unless the whole file decodes. The source file itself is left where it is:
    removing it safely is the user's decision (the CLI says so).
    """
    require(project, respondent, "audio_recording")
    # File names from recorders often carry the respondent's name: errors say "the file", never the name.
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        raise InvalidAudio("the file given is a folder, not an audio file") from None
    except OSError as exc:
        raise InvalidAudio(f"cannot read the file given: {exc.strerror}", "check the path") from exc
    decoded = audio.decode(data, label="the file")
    encoded = audio.encode_opus(decoded)

    interview_id = new_interview_id(project, respondent)

    def link(conn, object_id: str) -> None:
        insert_interview(conn, interview_id, respondent, "audio", project.clock.now())
        set_field(conn, interview_id, "audio_object", object_id)

    project.objects.put(
        "audio",
        encoded,
        respondent=respondent,
        interview=interview_id,
        meta={"codec": audio.STORED_CODEC, "duration_s": round(decoded.duration_s, 3)},
        on_stored=link,
    )
    return interview_id
