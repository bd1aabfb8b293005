"""Audio decoding and encoding entirely in memory (PyAV): no temp files, ever.

Everything is normalised to 16 kHz mono, the rate whisper works at, and stored as Ogg Opus, which
keeps speech intelligible at a fraction of a WAV's size.

A file being imported is never read whole: :class:`AudioReader` probes its container first (about a megabyte
at most, so a file that is not audio is refused before the rest is read), then decodes it frame by frame, and
:class:`OpusEncoder` compresses those frames as they come into an Ogg Opus stream built in memory (32 kbit/s:
about 22 MB for 90 minutes). The truncation checks read only the bytes they need (the WAV chunk headers, an
MP3's first frame) from the file itself.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import av
import numpy as np

from fieldkit.errors import InvalidAudio

SAMPLE_RATE = 16_000
STORED_CODEC = "opus"
STORED_BITRATE = 32_000
#: How much shorter than its header says a file may decode before it counts as truncated: encoder delay,
#: padding and rounding account for a few hundredths of a second, never for a quarter of one.
TRUNCATION_SLACK_S = 0.25
TRUNCATION_SLACK_RATIO = 0.001
_TRUNCATED_HINT = ("the copy was probably interrupted: copy the file again from the recorder or phone; if this"
                   " is the only copy, save what is left with an audio editor and import that; nothing was stored")
#: FFmpeg's names for containers whose index states the length exactly (MP4/M4A/MOV's moov atom).
_INDEXED_FORMATS = ("mov,mp4,m4a,3gp,3g2,mj2",)
#: What FFmpeg and NumPy raise on a damaged or foreign file.
_DECODE_ERRORS = (av.FFmpegError, ValueError, IndexError, EOFError)


@dataclass(frozen=True)
class DecodedAudio:
    samples: np.ndarray  # float32, mono, SAMPLE_RATE

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


class FileBytes:
    """Read-only, bytes-like random access to an open file (``len``, slices, single bytes) that reads only
    the bytes asked for, with ``os.pread``: the file's own position, which PyAV reads from, never moves.
    The header checks below take either this or plain ``bytes``."""

    def __init__(self, handle: BinaryIO) -> None:
        self._fd = handle.fileno()
        self._size = os.fstat(self._fd).st_size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, key: int | slice) -> bytes | int:
        if isinstance(key, int):
            index = key + self._size if key < 0 else key
            if not 0 <= index < self._size:
                raise IndexError("FileBytes index out of range")
            return self._read(index, 1)[0]
        start, stop, step = key.indices(self._size)
        if step != 1:
            raise ValueError("FileBytes slices have no step")
        return self._read(start, max(0, stop - start))

    def _read(self, offset: int, length: int) -> bytes:
        parts = []
        while length > 0:
            part = os.pread(self._fd, min(length, 1 << 20), offset)
            if not part:
                break
            parts.append(part)
            offset += len(part)
            length -= len(part)
        return b"".join(parts)

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The whole file, in order, ``size`` bytes at a time."""
        for offset in range(0, self._size, size):
            part = self._read(offset, min(size, self._size - offset))
            if not part:
                return
            yield part


class _Unnamed:
    """An open file as PyAV is given it: reading and seeking, but no name (FFmpeg would take a name's
    extension as a hint and probe a ".mp3" full of zeros as MP3, reading far into it, and would put the name,
    which often carries the respondent's, into its messages) and no close (the caller's file stays open)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.read, self.seek, self.tell = handle.read, handle.seek, handle.tell

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True


class AudioReader:
    """An audio file opened for decoding frame by frame into 16 kHz mono float32.

    Opening it probes the container (FFmpeg reads about a megabyte at most) and refuses what is not audio;
    :meth:`chunks` then decodes it, never holding more than a frame, and refuses a file cut short (an
    interrupted copy) once it is decoded, rather than keep part of an interview as if it were all of it. A
    caller that stores what it gets must store nothing until :meth:`chunks` is exhausted without error.

    ``source`` is the file's bytes, or a binary file open for reading (a real file: its size and header are
    read with ``os.pread``)."""

    def __init__(self, source: bytes | BinaryIO, *, label: str = "the file") -> None:
        self.label = label
        self.samples = 0  # decoded so far
        if isinstance(source, bytes | bytearray | memoryview):
            self._bytes: bytes | FileBytes = bytes(source)
            handle: BinaryIO = io.BytesIO(self._bytes)
        else:
            self._bytes = FileBytes(source)
            handle = _Unnamed(source)
        if not len(self._bytes):
            raise InvalidAudio(f"{label} is empty")
        try:
            self._container = av.open(handle, mode="r")
        except _DECODE_ERRORS as exc:
            raise InvalidAudio(f"{label} is not readable audio ({type(exc).__name__})") from exc
        try:
            if not self._container.streams.audio:
                raise InvalidAudio(f"{label} has no audio stream")
            self._stream = self._container.streams.audio[0]
            self.declared = declared_duration(self._bytes, self._container.format.name, self._stream)
        except BaseException:
            self._container.close()
            raise

    @property
    def duration_s(self) -> float:
        """The length decoded so far (the whole length once :meth:`chunks` is exhausted)."""
        return self.samples / SAMPLE_RATE

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> AudioReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def chunks(self) -> Iterator[np.ndarray]:
        """Decoded float32 16 kHz mono samples, a frame's worth at a time; raises :class:`InvalidAudio` for a
        damaged, empty or truncated file (for a truncated one only at the end, once everything is decoded)."""
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        try:
            for frame in self._container.decode(self._stream):
                for out in resampler.resample(frame):
                    yield self._checked(out)
            for out in resampler.resample(None):
                yield self._checked(out)
        except InvalidAudio:
            raise
        except _DECODE_ERRORS as exc:
            if self.duration_s >= 0.1:
                raise InvalidAudio(f"{self.label} is truncated or damaged: it stops decoding after"
                                   f" {self.duration_s:.1f} s ({type(exc).__name__})", _TRUNCATED_HINT) from exc
            raise InvalidAudio(f"{self.label} is not readable audio ({type(exc).__name__})") from exc
        if self.samples < SAMPLE_RATE // 10:
            raise InvalidAudio(f"{self.label} holds no audio (shorter than 0.1 s)")
        short = wav_shortfall(self._bytes)
        declared = self.declared
        if short is None and declared is not None and (
                self.duration_s < declared - TRUNCATION_SLACK_S - TRUNCATION_SLACK_RATIO * declared):
            short = declared, self.duration_s
        if short is not None:
            raise InvalidAudio(f"{self.label} is truncated: its header says {short[0]:.2f} s of audio, only"
                               f" {short[1]:.2f} s are there", _TRUNCATED_HINT)

    def _checked(self, frame: av.AudioFrame) -> np.ndarray:
        samples = frame.to_ndarray().reshape(-1).astype(np.float32, copy=False)
        if not np.isfinite(samples).all():
            raise InvalidAudio(f"{self.label} decodes to invalid samples")
        self.samples += len(samples)
        return samples


def decode(data: bytes, *, label: str = "the file") -> DecodedAudio:
    """Decode any audio container PyAV knows into 16 kHz mono float32, whole; refuse what is not audio, and
    refuse a file cut short (an interrupted copy) rather than keep part of an interview as if it were all of it.
    For a recording being imported, :class:`AudioReader` does the same frame by frame."""
    if not data:
        raise InvalidAudio(f"{label} is empty")
    with AudioReader(data, label=label) as reader:
        chunks = list(reader.chunks())
    return DecodedAudio(np.concatenate(chunks) if chunks else np.zeros(0, np.float32))


def declared_duration(data: bytes | FileBytes, format_name: str, stream) -> float | None:
    """How long the file's own header says its audio is, where a header states it exactly: an MP3's
    Xing/Info/VBRI frame count (which FFmpeg turns into the stream's duration) or the moov atom of
    MP4/M4A/MOV. None where FFmpeg only estimates the length from the file's size (Ogg, raw AAC, an MP3
    without such a header): a truncated one of those looks like a short recording, and a variable-bitrate
    estimate could make a whole file look truncated. WAV is checked on its bytes (:func:`wav_shortfall`)."""
    if format_name == "mp3" and not _mp3_counts_frames(data):
        return None
    if format_name != "mp3" and format_name not in _INDEXED_FORMATS:
        return None
    if stream.duration is None or stream.time_base is None or stream.duration <= 0:
        return None
    return float(stream.duration * stream.time_base)


def wav_shortfall(data: bytes | FileBytes) -> tuple[float, float] | None:
    """For a WAV whose data chunk holds fewer bytes than its header promises (more than one sample frame
    short): the seconds promised and the seconds present. None for a complete WAV, one whose writer left the
    size open (0 or 0xFFFFFFFF while streaming), or anything that is not a RIFF/WAVE file. Reads only the
    chunk headers (and the fmt chunk) of a :class:`FileBytes`."""
    size_of_file = len(data)
    head = data[:12]
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    position, byte_rate, block = 12, 0, 1
    while position + 8 <= size_of_file:
        header = data[position:position + 8]
        chunk, size = header[:4], int.from_bytes(header[4:8], "little")
        body = position + 8
        if chunk == b"fmt " and size >= 16 and body + 16 <= size_of_file:
            fmt = data[body:body + 16]
            byte_rate = int.from_bytes(fmt[8:12], "little")
            block = max(1, int.from_bytes(fmt[12:14], "little"))
        elif chunk == b"data":
            present = size_of_file - body
            if not byte_rate or size == 0 or size >= 0xFFFFFF00 or present >= size - block:
                return None
            return size / byte_rate, present / byte_rate
        position = body + size + (size & 1)
    return None


def _mp3_counts_frames(data: bytes | FileBytes) -> bool:
    """Whether the first MPEG audio frame carries a Xing/Info or VBRI header with the stream's frame count."""
    head = data[:10]
    start = 0
    if head[:3] == b"ID3" and len(head) >= 10:
        size = 0
        for byte in head[6:10]:
            size = (size << 7) | (byte & 0x7F)
        start = 10 + size + (10 if head[5] & 0x10 else 0)
    window = data[start:start + 4096 + 64]  # where the first frame may start, and its first 64 bytes
    for offset in range(0, min(len(window) - 1, 4096)):
        if window[offset] == 0xFF and window[offset + 1] & 0xE0 == 0xE0:
            break
    else:
        return False
    head = window[offset:offset + 64]
    for tag in (b"Xing", b"Info"):
        found = head.find(tag)
        if found >= 4 and len(head) >= found + 8:
            return bool(head[found + 7] & 0x01)  # flag 1: the frame count is present
    vbri = window[offset + 36:offset + 40]
    return vbri == b"VBRI"


class OpusEncoder:
    """Ogg Opus built in memory from 16 kHz mono float32 samples given a piece at a time (:meth:`write`), so a
    long recording is never held uncompressed; :meth:`finish` returns the whole stream."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._container = av.open(self._buffer, mode="w", format="ogg")
        self._stream = self._container.add_stream("libopus", rate=SAMPLE_RATE)
        self._stream.layout = "mono"
        self._stream.bit_rate = STORED_BITRATE
        self.samples = 0

    def write(self, samples: np.ndarray) -> None:
        if not len(samples):
            return
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1),
                                           format="flt", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self.samples
        self.samples += len(samples)
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def finish(self) -> bytes:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()
        return self._buffer.getvalue()

    def close(self) -> None:
        """Drop what was encoded (after an error); harmless after :meth:`finish`."""
        self._container.close()
        self._buffer = io.BytesIO()


def encode_opus(audio: DecodedAudio) -> bytes:
    """Encode to Ogg Opus in memory."""
    encoder = OpusEncoder()
    try:
        encoder.write(audio.samples)
        return encoder.finish()
    except BaseException:
        encoder.close()
        raise
