"""Audio decoding and encoding entirely in memory (PyAV over BytesIO): no temp files, ever.

Everything is normalised to 16 kHz mono, the rate whisper works at, and stored as Ogg Opus, which
keeps speech intelligible at a fraction of a WAV's size.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

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


@dataclass(frozen=True)
class DecodedAudio:
    samples: np.ndarray  # float32, mono, SAMPLE_RATE

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def decode(data: bytes, *, label: str = "the file") -> DecodedAudio:
    """Decode any audio container PyAV knows into 16 kHz mono float32; refuse what is not audio, and refuse
    a file cut short (an interrupted copy) rather than keep part of an interview as if it were all of it."""
    if not data:
        raise InvalidAudio(f"{label} is empty")
    chunks: list[np.ndarray] = []
    declared: float | None = None
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise InvalidAudio(f"{label} has no audio stream")
            stream = container.streams.audio[0]
            declared = declared_duration(data, container.format.name, stream)
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except InvalidAudio:
        raise
    except (av.FFmpegError, ValueError, IndexError, EOFError) as exc:
        decoded_s = sum(len(chunk) for chunk in chunks) / SAMPLE_RATE
        if decoded_s >= 0.1:
            raise InvalidAudio(f"{label} is truncated or damaged: it stops decoding after {decoded_s:.1f} s"
                               f" ({type(exc).__name__})", _TRUNCATED_HINT) from exc
        raise InvalidAudio(f"{label} is not readable audio ({type(exc).__name__})") from exc
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    if samples.size < SAMPLE_RATE // 10:
        raise InvalidAudio(f"{label} holds no audio (shorter than 0.1 s)")
    if not np.isfinite(samples).all():
        raise InvalidAudio(f"{label} decodes to invalid samples")
    result = DecodedAudio(samples)
    short = wav_shortfall(data)
    if short is None and declared is not None and (
            result.duration_s < declared - TRUNCATION_SLACK_S - TRUNCATION_SLACK_RATIO * declared):
        short = declared, result.duration_s
    if short is not None:
        raise InvalidAudio(f"{label} is truncated: its header says {short[0]:.2f} s of audio, only"
                           f" {short[1]:.2f} s are there", _TRUNCATED_HINT)
    return result


def declared_duration(data: bytes, format_name: str, stream) -> float | None:
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


def wav_shortfall(data: bytes) -> tuple[float, float] | None:
    """For a WAV whose data chunk holds fewer bytes than its header promises (more than one sample frame
    short): the seconds promised and the seconds present. None for a complete WAV, one whose writer left the
    size open (0 or 0xFFFFFFFF while streaming), or anything that is not a RIFF/WAVE file."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    position, byte_rate, block = 12, 0, 1
    while position + 8 <= len(data):
        chunk, size = data[position:position + 4], int.from_bytes(data[position + 4:position + 8], "little")
        body = position + 8
        if chunk == b"fmt " and size >= 16 and body + 16 <= len(data):
            byte_rate = int.from_bytes(data[body + 8:body + 12], "little")
            block = max(1, int.from_bytes(data[body + 12:body + 14], "little"))
        elif chunk == b"data":
            present = len(data) - body
            if not byte_rate or size == 0 or size >= 0xFFFFFF00 or present >= size - block:
                return None
            return size / byte_rate, present / byte_rate
        position = body + size + (size & 1)
    return None


def _mp3_counts_frames(data: bytes) -> bool:
    """Whether the first MPEG audio frame carries a Xing/Info or VBRI header with the stream's frame count."""
    start = 0
    if data[:3] == b"ID3" and len(data) >= 10:
        size = 0
        for byte in data[6:10]:
            size = (size << 7) | (byte & 0x7F)
        start = 10 + size + (10 if data[5] & 0x10 else 0)
    for position in range(start, min(len(data) - 1, start + 4096)):
        if data[position] == 0xFF and data[position + 1] & 0xE0 == 0xE0:
            break
    else:
        return False
    head = data[position:position + 64]
    for tag in (b"Xing", b"Info"):
        found = head.find(tag)
        if found >= 4 and len(head) >= found + 8:
            return bool(head[found + 7] & 0x01)  # flag 1: the frame count is present
    vbri = data[position + 36:position + 40]
    return vbri == b"VBRI"


def encode_opus(audio: DecodedAudio) -> bytes:
    """Encode to Ogg Opus in memory."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=SAMPLE_RATE)
        stream.layout = "mono"
        stream.bit_rate = STORED_BITRATE
        frame = av.AudioFrame.from_ndarray(audio.samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = 0
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()
