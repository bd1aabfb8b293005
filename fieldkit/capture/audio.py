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


@dataclass(frozen=True)
class DecodedAudio:
    samples: np.ndarray  # float32, mono, SAMPLE_RATE

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def decode(data: bytes, *, label: str = "the file") -> DecodedAudio:
    """Decode any audio container PyAV knows into 16 kHz mono float32; refuse what is not audio."""
    if not data:
        raise InvalidAudio(f"{label} is empty")
    chunks: list[np.ndarray] = []
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise InvalidAudio(f"{label} has no audio stream")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except InvalidAudio:
        raise
    except (av.FFmpegError, ValueError, IndexError, EOFError) as exc:
        raise InvalidAudio(f"{label} is not readable audio ({type(exc).__name__})") from exc
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    if samples.size < SAMPLE_RATE // 10:
        raise InvalidAudio(f"{label} holds no audio (shorter than 0.1 s)")
    if not np.isfinite(samples).all():
        raise InvalidAudio(f"{label} decodes to invalid samples")
    return DecodedAudio(samples)


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
