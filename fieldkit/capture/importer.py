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
import stat
from pathlib import Path
from typing import BinaryIO

import numpy as np

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

    The file is never read whole into memory: its container is probed first (a file that is not audio is
    refused having read a megabyte at most), its fingerprint is computed on a pass over it in 1 MB pieces, and
    it is decoded frame by frame into an Opus stream built in memory (about 22 MB for 90 minutes), which is all
    that is encrypted and stored. No temporary file is written.
    """
    require(project, respondent, "audio_recording")
    if metadata:
        metadata.check()
    # File names from recorders often carry the respondent's name: errors say "the file", never the name.
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except IsADirectoryError:
        raise InvalidAudio("the file given is a folder, not an audio file", "give the path of one audio file") from None
    except OSError as exc:
        raise InvalidAudio(f"cannot read the file given: {exc.strerror}", "check the path") from exc
    with handle:
        before = os.fstat(handle.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise InvalidAudio("the file given is not a regular file (a pipe or a device)",
                               "copy the recording into a file first and import that file")
        with audio.AudioReader(handle, label="the file") as reader:  # probes: refuses what is not audio
            secret = get_meta(project.conn, FINGERPRINT_SECRET_META_KEY)
            # the first import makes the project's secret, inside the storing transaction (see link below)
            key = secret if secret is not None else secrets.token_hex(32)
            source_hmac = fingerprint_file(key, handle)
            if secret is not None and not allow_duplicate:
                refuse_duplicate(project.conn, source_hmac)
            encoded, duration_s, kept_s, ranges = _transcode(reader, off_record or [])
        after = os.fstat(handle.fileno())
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            raise InvalidAudio("the file changed while it was being imported; nothing was stored",
                               "wait until the copy from the recorder or phone has finished, then import it again")
        interview_id = new_interview_id(project, respondent)
        ranges_json = json.dumps([[round(s, 3), round(min(e, duration_s), 3)] for s, e in ranges])

        def link(conn, object_id: str) -> None:
            # inside the storing transaction: the secret is made by the first import, and a second fieldkit
            # importing the same file at the same moment is caught here
            stored_key = get_meta(conn, FINGERPRINT_SECRET_META_KEY)
            if stored_key is None:
                set_meta(conn, FINGERPRINT_SECRET_META_KEY, key)
                stored_key = key
            # another fieldkit made the secret while this file was being decoded: fingerprint it again
            file_hmac = source_hmac if stored_key == key else fingerprint_file(stored_key, handle)
            if not allow_duplicate:
                refuse_duplicate(conn, file_hmac)
            insert_interview(conn, interview_id, respondent, "audio", project.clock.now(), metadata,
                             round(duration_s, 3), ranges_json if ranges else None, source_hmac=file_hmac)
            pipeline.audio_captured(conn, interview_id, object_id)

        project.objects.put(
            "audio",
            encoded,
            respondent=respondent,
            interview=interview_id,
            meta={"codec": audio.STORED_CODEC, "duration_s": round(kept_s, 3), "off_record": ranges},
            on_stored=link,
        )
    return interview_id


def _transcode(reader: audio.AudioReader,
               off_record: list[offrecord.Range]) -> tuple[bytes, float, float, list[offrecord.Range]]:
    """Decode frame by frame, drop the off-the-record samples, encode the rest to Opus as it comes: the Opus
    stream, the recording's length, the stored length, and the ranges clipped to the recording (those
    starting past its end left out). Raises :class:`InvalidAudio` (nothing kept) for a damaged or truncated
    file, ranges that all lie past the end, or nothing left once they are cut."""
    # the same samples as offrecord.cut: [int(start * rate), int(end * rate)) of the original timeline
    cuts = [(int(start * audio.SAMPLE_RATE), int(end * audio.SAMPLE_RATE)) for start, end in off_record]
    encoder = audio.OpusEncoder()
    try:
        position = 0
        for chunk in reader.chunks():
            encoder.write(_kept(chunk, position, cuts))
            position += len(chunk)
        duration_s = reader.duration_s
        ranges = [(start, min(end, duration_s)) for start, end in off_record if start < duration_s]
        if off_record and not ranges:
            raise InvalidAudio("the off-the-record ranges lie beyond the end of the recording",
                               "--off-record times are on the recording's own timeline; check them against its"
                               " length")
        kept_s = encoder.samples / audio.SAMPLE_RATE
        if kept_s < 0.1:
            raise InvalidAudio("nothing is left once the off-the-record ranges are removed; nothing was stored",
                               "narrow the --off-record ranges")
        return encoder.finish(), duration_s, kept_s, ranges
    finally:
        encoder.close()


def _kept(chunk: np.ndarray, position: int, cuts: list[tuple[int, int]]) -> np.ndarray:
    """The samples of ``chunk`` (starting at sample ``position`` of the recording) outside every cut."""
    end = position + len(chunk)
    inside = [(max(start, position), min(stop, end)) for start, stop in cuts if start < end and stop > position]
    if not inside:
        return chunk
    keep = np.ones(len(chunk), dtype=bool)
    for start, stop in inside:
        keep[start - position:stop - position] = False
    return chunk[keep]


def fingerprint(secret: str, data: bytes) -> str:
    """HMAC-SHA256 of the file's bytes under the project's own secret. Never a plain hash: a plain one would
    let whoever holds a copy of a recording confirm that this project imported it; this one says nothing
    without the secret, which lives only inside the encrypted index."""
    return hmac.new(bytes.fromhex(secret), data, hashlib.sha256).hexdigest()


def fingerprint_file(secret: str, handle: BinaryIO) -> str:
    """:func:`fingerprint` of an open file's bytes, read 1 MB at a time (the same value as for its bytes
    whole, so fingerprints stored before imports were streamed still match)."""
    digest = hmac.new(bytes.fromhex(secret), digestmod=hashlib.sha256)
    for piece in audio.FileBytes(handle).chunks():
        digest.update(piece)
    return digest.hexdigest()


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
