"""Spoken Russian test audio made on the spot with Festival's Russian voice (msu_ru_nsh_clunits).

The voice reads UTF-8 (KOI8-R input gives an empty file). Its letter-to-sound rules know no typographic
punctuation: one em dash, guillemet or ellipsis makes text2wave write an empty file and still exit 0, so the
text is normalised first and the result is checked rather than the exit code trusted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from functools import cache
from pathlib import Path

VOICE = "msu_ru_nsh_clunits"

#: Characters the voice cannot say, and what to feed it instead (dashes are handled by _DASH).
_PUNCTUATION = str.maketrans({
    "\u2026": "...",  # ellipsis
    "\u00ab": "",  # «
    "\u00bb": "",  # »
    "\u201c": "",  # “
    "\u201d": "",  # ”
    "\u201e": "",  # „
    "\u2018": "'",
    "\u2019": "'",
    "\u00a0": " ",  # no-break space
})
_DASH = re.compile(r"\s*[\u2013\u2014]\s*")  # an em or en dash between words: a pause, i.e. a comma
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")  # a mark standing alone is a word the voice cannot say


class FestivalMissing(RuntimeError):
    """Festival, text2wave or the Russian voice is not installed."""


@cache
def festival_available() -> bool:
    """Whether text2wave is installed and Festival can load the Russian voice."""
    if shutil.which("text2wave") is None or shutil.which("festival") is None:
        return False
    try:
        probe = subprocess.run(["festival", "--batch", f"(voice_{VOICE})"],
                               capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def speakable(text: str) -> str:
    """TEXT with the punctuation the voice cannot read replaced by punctuation it can."""
    text = _DASH.sub(", ", text.translate(_PUNCTUATION))
    return _SPACE_BEFORE_MARK.sub(r"\1", text)


def synthesise_russian(text: str, out_wav: Path) -> None:
    """Speak TEXT (Russian, numbers written as words) into OUT_WAV: 16 kHz mono 16-bit WAV.

    The text goes to text2wave on stdin as UTF-8. Raises FestivalMissing when Festival or the voice is not
    installed, and RuntimeError when text2wave produces no audio (it exits 0 even then)."""
    if not festival_available():
        raise FestivalMissing(
            f"Festival with the Russian voice is needed: text2wave and voice_{VOICE} "
            "(apt-get install festival festvox-ru)")
    out_wav = Path(out_wav)
    out_wav.parent.mkdir(parents=True, exist_ok=True)
    out_wav.unlink(missing_ok=True)
    result = subprocess.run(
        ["text2wave", "-eval", f"(voice_{VOICE})", "-o", str(out_wav)],
        input=speakable(text).encode("utf-8"), capture_output=True, timeout=300, check=False)
    stderr = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode != 0 or "SIOD ERROR" in stderr or "LTS_Ruleset" in stderr:
        raise RuntimeError(f"text2wave failed (exit {result.returncode}): {stderr[-500:]}")
    try:
        with wave.open(str(out_wav)) as wav:
            frames = wav.getnframes()
    except (OSError, EOFError, wave.Error) as exc:
        raise RuntimeError(f"text2wave wrote no readable WAV to {out_wav}: {stderr[-500:]}") from exc
    if frames == 0:
        raise RuntimeError(f"text2wave wrote an empty WAV to {out_wav}: {stderr[-500:]}")
