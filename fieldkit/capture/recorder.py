"""Live recording, encrypted as it is captured.

Audio arrives from the input device (sounddevice/PortAudio) at 16 kHz mono. Every CHUNK_SECONDS it is encoded
to Opus and age-encrypted to the session's own key *in memory*, then written as one chunk file; plaintext audio
never reaches the disk. A crash or power cut loses at most the chunk being filled plus what the OS had not
flushed (under 5 s). When the recording stops — or, after a crash, the next time the project is opened — the
chunks are decrypted into memory, joined into one audio object and the chunk files and session key are erased.

Off the record: audio is dropped before encoding (it is never kept), the time still runs, and the range is
recorded so the transcript shows "[off the record mm:ss–mm:ss]". Paused time does not count.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyrage

from fieldkit import pipeline
from fieldkit.capture import audio
from fieldkit.clock import format_instant
from fieldkit.consent.records import require
from fieldkit.errors import DeviceError, FieldkitError, StateError
from fieldkit.interviews import Metadata, insert_interview, new_interview_id
from fieldkit.vault.blobs import decrypt_with, encrypt_to_new_key
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import Project

CHUNK_SECONDS = 2.0
RECORDINGS = "recordings"
_FINISHED_HINT = "another fieldkit finished it first; `fieldkit status` lists its interview"


@dataclass
class Session:
    """One recording in progress: its folder of encrypted chunks and its key (in the vault)."""

    id: str
    respondent: str
    folder: Path
    recipient: pyrage.x25519.Recipient
    seq: int = 0
    elapsed: float = 0.0  # seconds on the interview timeline (paused time excluded)
    off_record: list[list[float]] = field(default_factory=list)
    buffer: list[np.ndarray] = field(default_factory=list)
    buffered: int = 0
    buffer_start: float = 0.0


def _sessions_dir(project: Project) -> Path:
    return project.root / RECORDINGS


def start_session(project: Project, respondent: str, metadata: Metadata | None = None) -> Session:
    require(project, respondent, "audio_recording")
    if metadata:
        metadata.check()
    import secrets

    session_id = secrets.token_hex(8)
    _, identity = encrypt_to_new_key(b"")
    recipient = pyrage.x25519.Identity.from_str(identity).to_public()
    folder = _sessions_dir(project) / session_id
    folder.mkdir(parents=True)
    with project.transaction():
        project.conn.execute(
            "INSERT INTO recordings (id, respondent, started, state, identity, pid, host, metadata, off_record)"
            " VALUES (?, ?, ?, 'recording', ?, ?, ?, ?, '[]')",
            (session_id, respondent, format_instant(project.clock.now()), identity, os.getpid(),
             socket.gethostname(), json.dumps((metadata or Metadata()).__dict__)),
        )
        project.audit.append("recording_started", respondent=respondent, object=session_id)
    return Session(session_id, respondent, folder, recipient)


def add_audio(project: Project, session: Session, samples: np.ndarray, *, on_record: bool = True) -> None:
    """Feed captured samples; off-the-record samples advance the clock but are never kept."""
    if not on_record:
        if session.buffered:
            flush(project, session)
        start = session.elapsed
        session.elapsed += len(samples) / audio.SAMPLE_RATE
        if session.off_record and abs(session.off_record[-1][1] - start) < 1e-6:
            session.off_record[-1][1] = session.elapsed  # saved with the next chunk
        else:
            session.off_record.append([start, session.elapsed])
            _save_ranges(project, session)  # a new range is on disk at once
        return
    if not session.buffered:
        session.buffer_start = session.elapsed
    session.buffer.append(samples.astype(np.float32).reshape(-1))
    session.buffered += len(samples)
    session.elapsed += len(samples) / audio.SAMPLE_RATE
    if session.buffered >= CHUNK_SECONDS * audio.SAMPLE_RATE:
        flush(project, session)


def _save_ranges(project: Project, session: Session) -> None:
    with project.transaction():
        project.conn.execute("UPDATE recordings SET off_record = ? WHERE id = ?",
                             (json.dumps(session.off_record), session.id))


def flush(project: Project, session: Session) -> None:
    """Encode and encrypt what is buffered, in memory, and write it as the next chunk."""
    if not session.buffered:
        _save_ranges(project, session)
        return
    samples = np.concatenate(session.buffer)
    encoded = audio.encode_opus(audio.DecodedAudio(samples))
    ciphertext = pyrage.encrypt(encoded, [session.recipient])
    session.seq += 1
    start_ms = int(round(session.buffer_start * 1000))
    write_atomic(session.folder / f"{session.seq:06d}-{start_ms:010d}.age", ciphertext)
    session.buffer, session.buffered = [], 0
    _save_ranges(project, session)


def _off_before(start: float, off_json: str | None) -> int:
    """Samples of off-the-record time before ``start`` (they are not in the stored audio)."""
    ranges = json.loads(off_json or "[]")
    return int(round(sum(min(end, start) - begin for begin, end in ranges if begin < start) * audio.SAMPLE_RATE))


def _chunks(folder: Path) -> Iterator[tuple[float, Path]]:
    for path in sorted(folder.glob("*.age")):
        _, start_ms = path.stem.split("-")
        yield int(start_ms) / 1000, path


def finish(project: Project, session_id: str, *, recovered: bool = False) -> str | None:
    """Join the session's chunks into one audio interview; erase the chunks and the session key."""
    row = project.conn.execute(
        "SELECT respondent, identity, metadata, off_record FROM recordings WHERE id = ? AND state = 'recording'",
        (session_id,),
    ).fetchone()
    if row is None:
        raise StateError(f"no recording {session_id} in progress",
                         "it was finished or recovered already; `fieldkit status` lists its interview")
    respondent, identity, metadata_json, off_json = row
    folder = _sessions_dir(project) / session_id
    pieces, lost, position = [], 0, 0
    for start, path in _chunks(folder):
        try:
            piece = audio.decode(decrypt_with(path.read_bytes(), identity)).samples
        except (pyrage.DecryptError, FieldkitError):
            lost += 1  # a chunk cut short by the crash: the rest are still good
            continue
        # chunk names carry their start on the timeline: a lost chunk becomes silence, not a shift
        expected = int(round(start * audio.SAMPLE_RATE)) - _off_before(start, off_json)
        if expected > position:
            pieces.append(np.zeros(expected - position, dtype=np.float32))
            position = expected
        pieces.append(piece)
        position += len(piece)
    interview_id = None
    if pieces:
        samples = np.concatenate(pieces)
        off_record = [tuple(r) for r in json.loads(off_json or "[]")]
        duration = len(samples) / audio.SAMPLE_RATE + sum(end - start for start, end in off_record)
        metadata = Metadata(**json.loads(metadata_json or "{}"))
        interview_id = new_interview_id(project, respondent)

        def link(conn, object_id: str) -> None:
            claimed = conn.execute("UPDATE recordings SET state = ? WHERE id = ? AND state = 'recording'",
                                   ("recovered" if recovered else "finished", session_id)).rowcount
            if claimed != 1:  # another process finished it first: roll back, store nothing twice
                raise StateError(f"recording {session_id} was already finished", _FINISHED_HINT)
            insert_interview(conn, interview_id, respondent, "audio", project.clock.now(), metadata,
                             round(duration, 3), json.dumps(off_record) if off_record else None)
            pipeline.audio_captured(conn, interview_id, object_id)
            conn.execute("UPDATE recordings SET identity = '' WHERE id = ?", (session_id,))
            project.audit.append(
                "recording_recovered" if recovered else "recording_finished", respondent=respondent,
                object=session_id, interview=interview_id, duration_s=round(duration, 2), chunks=len(pieces),
                lost=lost,
            )

        project.objects.put("audio", audio.encode_opus(audio.DecodedAudio(samples)), respondent=respondent,
                            interview=interview_id, meta={"codec": audio.STORED_CODEC, "off_record": off_record},
                            on_stored=link)
    else:
        with project.transaction():
            claimed = project.conn.execute(
                "UPDATE recordings SET state = 'empty', identity = '' WHERE id = ? AND state = 'recording'",
                (session_id,),
            ).rowcount
            if claimed != 1:
                raise StateError(f"recording {session_id} was already finished", _FINISHED_HINT)
            project.audit.append("recording_discarded", respondent=respondent, object=session_id)
    if folder.is_dir():
        for path in folder.glob("*"):
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()
    return interview_id


def _alive(pid: int, host: str) -> bool:
    if host != socket.gethostname():
        return True  # another machine's session (shared folder): not ours to touch
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_interrupted(project: Project) -> list[str]:
    """Finish every recording whose process died (kill -9, power cut); returns the recovered interview ids."""
    recovered = []
    rows = project.conn.execute("SELECT id, pid, host FROM recordings WHERE state = 'recording'").fetchall()
    for session_id, pid, host in rows:
        if _alive(pid, host):
            continue
        try:
            interview = finish(project, session_id, recovered=True)
        except StateError:
            continue  # another fieldkit recovered it at the same moment
        if interview:
            recovered.append(interview)
    return recovered


@dataclass
class Controls:
    """Shared between the keyboard/stdin thread and the capture loop."""

    paused: bool = False
    off_record: bool = False
    stop: threading.Event = field(default_factory=threading.Event)


def record(
    project: Project,
    respondent: str,
    *,
    controls: Controls,
    duration: float | None = None,
    device: int | str | None = None,
    metadata: Metadata | None = None,
    on_level: Callable[[float, float, Controls], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> str | None:
    """Record from the input device until ``controls.stop`` is set or ``duration`` seconds have passed."""
    try:
        import sounddevice
    except OSError as exc:  # PortAudio missing
        raise DeviceError("no audio input library (PortAudio) on this machine",
                          "install libportaudio2, or import a recording with `capture import`") from exc
    # Each block carries the switches as they were when it was captured, not when it is processed: a block
    # still queued when the researcher goes back on the record stays off it.
    blocks: queue.Queue[tuple[np.ndarray, bool, bool]] = queue.Queue()
    session = start_session(project, respondent, metadata)

    def callback(indata, frames, time_info, status) -> None:
        blocks.put((indata[:, 0].copy(), controls.paused, controls.off_record))

    try:
        stream = sounddevice.InputStream(samplerate=audio.SAMPLE_RATE, channels=1, dtype="float32",
                                         blocksize=audio.SAMPLE_RATE // 10, device=device, callback=callback)
    except Exception as exc:  # noqa: BLE001 - PortAudio reports device problems with several exception types
        finish(project, session.id)
        raise DeviceError(f"cannot open the input device: {exc}") from exc
    started = time.monotonic()
    try:
        with stream:
            if on_start is not None:
                on_start()
            while not controls.stop.is_set():
                if duration is not None and time.monotonic() - started >= duration:
                    break
                try:
                    block, paused, off_record = blocks.get(timeout=0.2)
                except queue.Empty:
                    continue
                if not paused:
                    add_audio(project, session, block, on_record=not off_record)
                if on_level is not None:
                    on_level(float(np.sqrt(np.mean(block**2))), session.elapsed, controls)
    except KeyboardInterrupt:
        pass  # Ctrl-C ends the recording like "stop": keep everything captured so far
    while not blocks.empty():
        block, paused, off_record = blocks.get()
        if not paused:
            add_audio(project, session, block, on_record=not off_record)
    flush(project, session)
    return finish(project, session.id)
