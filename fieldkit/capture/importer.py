"""Import a dictaphone or phone recording: validate, compress to Opus, encrypt, index — all in memory.

Any container PyAV reads works (WAV, MP3, M4A, OGG, FLAC, and the audio track of MP4/MOV/MKV video).
Off-the-record ranges are cut out before anything is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from fieldkit import pipeline
from fieldkit.capture import audio, offrecord
from fieldkit.consent.records import require
from fieldkit.errors import GateClosed, InvalidAudio, StorageError
from fieldkit.interviews import Metadata, insert_interview, new_interview_id
from fieldkit.vault.db import get_meta, set_meta
from fieldkit.vault.project import Project

#: The per-project secret that keys the imported files' fingerprints (kept in the encrypted index only).
FINGERPRINT_SECRET_META_KEY = "import_fingerprint_secret"


def import_audio(
    project: Project,
    respondent: str,
    source: Path,
    *,
    off_record: list[offrecord.Range] | None = None,
    metadata: Metadata | None = None,
    allow_duplicate: bool = False,
) -> str:
    """Store ``source`` as a new interview of ``respondent``; returns the interview id.

    Nothing is stored unless the whole file decodes (a truncated file is refused), nor when the same file
    was imported before as an interview that is still there, unless ``allow_duplicate``. The source file is
    left where it is; see ``remove_source`` for the user's explicit request to delete it.
    """
    require(project, respondent, "audio_recording")
    if metadata:
        metadata.check()
    # File names from recorders often carry the respondent's name: errors say "the file", never the name.
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        raise InvalidAudio("the file given is a folder, not an audio file", "give the path of one audio file") from None
    except OSError as exc:
        raise InvalidAudio(f"cannot read the file given: {exc.strerror}", "check the path") from exc
    secret = get_meta(project.conn, FINGERPRINT_SECRET_META_KEY)
    if secret is not None and not allow_duplicate:
        refuse_duplicate(project.conn, fingerprint(secret, data))
    decoded = audio.decode(data, label="the file")
    ranges = [(start, min(end, decoded.duration_s)) for start, end in off_record or [] if start < decoded.duration_s]
    if off_record and not ranges:
        raise InvalidAudio("the off-the-record ranges lie beyond the end of the recording",
                           "--off-record times are on the recording's own timeline; check them against its length")
    kept = audio.DecodedAudio(offrecord.cut(decoded.samples, ranges))
    if kept.duration_s < 0.1:
        raise InvalidAudio("nothing is left once the off-the-record ranges are removed; nothing was stored",
                           "narrow the --off-record ranges")
    encoded = audio.encode_opus(kept)
    interview_id = new_interview_id(project, respondent)
    ranges_json = json.dumps([[round(s, 3), round(min(e, decoded.duration_s), 3)] for s, e in ranges])

    def link(conn, object_id: str) -> None:
        # inside the storing transaction: the secret is made by the first import, and a second fieldkit
        # importing the same file at the same moment is caught here
        key = get_meta(conn, FINGERPRINT_SECRET_META_KEY)
        if key is None:
            key = secrets.token_hex(32)
            set_meta(conn, FINGERPRINT_SECRET_META_KEY, key)
        source_hmac = fingerprint(key, data)
        if not allow_duplicate:
            refuse_duplicate(conn, source_hmac)
        insert_interview(conn, interview_id, respondent, "audio", project.clock.now(), metadata,
                         round(decoded.duration_s, 3), ranges_json if ranges else None, source_hmac=source_hmac)
        pipeline.audio_captured(conn, interview_id, object_id)

    project.objects.put(
        "audio",
        encoded,
        respondent=respondent,
        interview=interview_id,
        meta={"codec": audio.STORED_CODEC, "duration_s": round(kept.duration_s, 3), "off_record": ranges},
        on_stored=link,
    )
    return interview_id


def fingerprint(secret: str, data: bytes) -> str:
    """HMAC-SHA256 of the file's bytes under the project's own secret. Never a plain hash: a plain one would
    let whoever holds a copy of a recording confirm that this project imported it; this one says nothing
    without the secret, which lives only inside the encrypted index."""
    return hmac.new(bytes.fromhex(secret), data, hashlib.sha256).hexdigest()


def earlier_import(conn, source_hmac: str) -> str | None:
    """The interview this very file was imported as before, if that interview is still there (a discarded
    interview forgets its fingerprint)."""
    row = conn.execute(
        "SELECT id FROM interviews WHERE source_hmac = ? AND discarded IS NULL ORDER BY created, id LIMIT 1",
        (source_hmac,),
    ).fetchone()
    return row[0] if row else None


def refuse_duplicate(conn, source_hmac: str) -> None:
    earlier = earlier_import(conn, source_hmac)
    if earlier is not None:
        raise GateClosed(
            f"this file was already imported as interview {earlier}; nothing was stored",
            f"`fieldkit status` shows {earlier}; to import it again on purpose (a group interview filed under each"
            f" respondent) add --allow-duplicate; to remove a wrong import use `fieldkit interview discard {earlier}`",
        )


def remove_source(path: Path) -> None:
    """Overwrite the file with zeros, flush it to the device, then unlink it.

    On a magnetic disk this destroys the content. On SSDs, flash cards, journaling or copy-on-write file
    systems and in backups, older copies of the blocks may survive: only full-disk encryption protects those
    (docs/capture.md says so)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as handle:
            chunk = b"\0" * (1 << 20)
            for offset in range(0, size, len(chunk)):
                handle.write(chunk[: min(len(chunk), size - offset)])
            os.fsync(handle.fileno())
        path.unlink()
    except OSError as exc:
        raise StorageError(f"could not remove the source file: {exc.strerror}",
                           "delete it yourself; the import itself succeeded") from exc
