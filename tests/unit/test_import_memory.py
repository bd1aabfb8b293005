"""Importing a recording never holds it whole (issue 16, item 8b): the file is probed before it is read, its
fingerprint is computed in pieces, and it is decoded and encoded to Opus frame by frame.

The memory figures here are Python-level allocations (tracemalloc, which NumPy reports its arrays to), so they
are exact and quick; tests/functional/test_import_limits.py measures a whole `fieldkit` process's resident
memory."""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from fieldkit.capture import audio, offrecord
from fieldkit.capture import importer as importer_module
from fieldkit.capture.importer import fingerprint, import_audio
from fieldkit.consent.records import record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.errors import InvalidAudio
from fieldkit.interviews import get_interview
from tests.conftest import CONSENT_ITEMS, FIXTURES

MB = 1 << 20


@pytest.fixture
def consented(project):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    return code


def write_wav(path: Path, seconds: float, rate: int = audio.SAMPLE_RATE) -> Path:
    """A mono 16-bit WAV of a quiet tone with a little noise, written ten seconds at a time."""
    rng = np.random.default_rng(7)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        total, done = int(seconds * rate), 0
        while done < total:
            n = min(10 * rate, total - done)
            t = np.arange(done, done + n) / rate
            x = 0.2 * np.sin(2 * np.pi * 220 * t) + 0.01 * rng.standard_normal(n)
            out.writeframes((x * 32767).astype("<i2").tobytes())
            done += n
    return path


class CountingFile(io.FileIO):
    """A real file (it has a descriptor) that counts the bytes read through read()/readinto()."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readinto(self, buffer):
        count = super().readinto(buffer)
        self.bytes_read += count or 0
        return count


def test_the_fingerprint_computed_in_pieces_equals_the_one_of_the_whole_bytes(tmp_path):
    secret = "ab" * 32
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(2 * MB + 12345))  # several 1 MB pieces and a ragged end
    for path in (FIXTURES / "short_en.wav", FIXTURES / "short_en.mp3", big):
        with open(path, "rb") as handle:
            streamed = importer_module.fingerprint_file(secret, handle)
        whole = path.read_bytes()
        assert streamed == fingerprint(secret, whole)
        assert streamed == hmac.new(bytes.fromhex(secret), whole, hashlib.sha256).hexdigest()


def test_a_large_file_that_is_not_audio_is_refused_after_reading_its_head_only(tmp_path):
    sparse = tmp_path / "interview.mp3"  # the extension is no hint: only the content is probed
    with open(sparse, "wb") as handle:
        handle.truncate(300 * MB)
    with CountingFile(sparse) as handle, pytest.raises(InvalidAudio, match="^the file is not readable audio"):
        audio.AudioReader(handle, label="the file")
    assert handle.bytes_read <= 8 * MB


def test_import_never_reads_the_whole_file_into_memory(project, consented, monkeypatch):
    def whole_file(*_args, **_kwargs):
        raise AssertionError("the import read the whole file into memory")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    interview = import_audio(project, consented, FIXTURES / "short_en.wav")
    assert get_interview(project, interview).duration_s == pytest.approx(3.13, abs=0.02)


def test_importing_a_long_wav_allocates_a_small_fraction_of_its_decoded_size(project, consented, tmp_path):
    wav = write_wav(tmp_path / "long.wav", 180)  # 5.8 MB of 16-bit PCM; 11.5 MB as float32 samples
    tracemalloc.start()
    try:
        interview = import_audio(project, consented, wav, off_record=[(10.0, 20.0)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the whole-file code held the bytes, the decoded samples and their copies at once: about 40 MB here
    assert peak < 8 * MB, f"the import allocated {peak / MB:.1f} MB at its peak"
    stored = get_interview(project, interview)
    assert stored.duration_s == pytest.approx(180, abs=0.01)
    kept = audio.decode(project.objects.get(stored.audio_object))
    assert kept.duration_s == pytest.approx(170, abs=0.05)


@pytest.mark.parametrize("piece", [1, 997, 16_000, 10**6])
def test_cutting_piece_by_piece_keeps_exactly_what_cutting_the_whole_keeps(piece):
    samples = np.arange(5 * audio.SAMPLE_RATE, dtype=np.float32)
    ranges = [(0.0, 0.5), (1.25, 1.2501), (2.0, 3.3), (4.9, 9.0)]
    cuts = [(int(s * audio.SAMPLE_RATE), int(e * audio.SAMPLE_RATE)) for s, e in ranges]
    pieces = [importer_module._kept(samples[i:i + piece], i, cuts) for i in range(0, len(samples), piece)]
    np.testing.assert_array_equal(np.concatenate(pieces), offrecord.cut(samples, ranges))


def test_encoding_piece_by_piece_gives_the_same_audio_as_encoding_the_whole():
    samples = audio.decode((FIXTURES / "short_en.wav").read_bytes()).samples
    encoder = audio.OpusEncoder()
    for start in range(0, len(samples), 1234):
        encoder.write(samples[start:start + 1234])
    pieces = audio.decode(encoder.finish()).samples
    whole = audio.decode(audio.encode_opus(audio.DecodedAudio(samples))).samples
    assert len(pieces) == len(whole)
    assert np.corrcoef(pieces, whole)[0, 1] > 0.99


def test_reading_the_header_checks_from_the_file_gives_what_the_bytes_give(tmp_path):
    for name in ("short_en.wav", "short_en.mp3"):
        data = (FIXTURES / name).read_bytes()
        for cut in (len(data), int(len(data) * 0.6), 60, 11):
            path = tmp_path / "cut"
            path.write_bytes(data[:cut])
            with open(path, "rb") as handle:
                on_file = audio.FileBytes(handle)
                assert audio.wav_shortfall(on_file) == audio.wav_shortfall(data[:cut])
                assert audio._mp3_counts_frames(on_file) == audio._mp3_counts_frames(data[:cut])
