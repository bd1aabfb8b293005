from __future__ import annotations

import io

import av
import numpy as np
import pytest

from fieldkit.capture.audio import SAMPLE_RATE, decode, encode_opus
from fieldkit.errors import InvalidAudio
from tests.conftest import FIXTURES

WAV = (FIXTURES / "short_en.wav").read_bytes()

# container format, codec, sample rate: the dictaphone and phone formats fieldkit accepts
FORMATS = {
    "flac": ("flac", "flac", 16_000),
    "mp3": ("mp3", "libmp3lame", 22_050),
    "m4a": ("ipod", "aac", 44_100),
    "ogg": ("ogg", "libopus", 48_000),
}


def transcode(samples: np.ndarray, container_format: str, codec: str, rate: int) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        for resampled in resampler.resample(frame):
            for packet in stream.encode(resampled):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def test_wav_decodes_to_16k_mono():
    audio = decode(WAV)
    assert audio.samples.dtype == np.float32
    assert audio.duration_s == pytest.approx(3.13, abs=0.02)
    assert np.abs(audio.samples).max() > 0.05  # there is speech in it, not silence


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_other_formats_decode_to_the_same_length(name):
    data = transcode(decode(WAV).samples, *FORMATS[name])
    assert decode(data, label=f"sample.{name}").duration_s == pytest.approx(3.13, abs=0.15)


def test_opus_storage_is_smaller_and_keeps_the_speech():
    original = decode(WAV)
    stored = encode_opus(original)
    assert stored[:4] == b"OggS"
    assert len(stored) < len(WAV) / 5
    back = decode(stored)
    assert back.duration_s == pytest.approx(original.duration_s, abs=0.05)
    n = min(len(back.samples), len(original.samples))
    correlation = np.corrcoef(back.samples[:n], original.samples[:n])[0, 1]
    assert correlation > 0.8


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"This is a text file, not a recording.\n" * 50, "not readable audio"),
        (WAV[:44], "no audio"),
        (bytes(range(256)) * 40, "not readable audio"),
    ],
    ids=["empty", "text", "header-only", "binary-junk"],
)
def test_non_audio_is_refused_with_a_clear_error(data, message):
    with pytest.raises(InvalidAudio, match=message):
        decode(data, label="upload.wav")
