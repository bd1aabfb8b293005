"""The ethics-board report, rendered in headless Chromium (screenshot + DOM), naming respondents by code only."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta

import av
import numpy as np
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.consent import linking
from fieldkit.retention.schedule import enforce
from fieldkit.services.report import build_report
from tests.conftest import add_transcribed_interview

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1100,1600"]


def _approved_audio(project, text):
    interview = add_transcribed_interview(project, "P", [text])

    def link(conn, object_id):
        conn.execute("UPDATE interviews SET audio_object = ? WHERE id = ?", (object_id, interview))

    project.objects.put("audio", b"pretend audio", respondent="P1", interview=interview, on_stored=link)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


@pytest.fixture
def report_file(project, clock, tmp_path):
    """Two audio recordings under the 3-day rule: one destroyed on time, one two days late (nobody opened the
    project, and no timer ran)."""
    _approved_audio(project, "Работал в Караганде с Ерланом Жумабаевым.")
    linking.set_link(project, "P1", "Ерлан Жумабаев")
    clock.instant += timedelta(days=1)
    _approved_audio(project, "Потом меня перевели.")
    clock.instant += timedelta(days=2)
    assert len(enforce(project).destroyed) == 1  # the first, exactly on its deadline
    clock.instant += timedelta(days=3)
    assert len(enforce(project).destroyed) == 1  # the second, two days after its deadline
    html = build_report(project)
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    return path, html


def test_report_names_codes_never_identities(report_file):
    _, html = report_file
    assert "P1" in html and "Жумабаев" not in html and "Караганд" not in html
    assert "audio:transcript_approved:3d" in html and "verified: key erased, blob removed" in html
    assert 'id="destroyed">2<' in html and 'id="on-time">1<' in html and 'id="late">1<' in html


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/setup-env installs it with apt)")
def test_report_renders_in_headless_chromium(report_file, tmp_path):
    path, _ = report_file
    profile = tmp_path / "profile"
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    text = " ".join(re.sub(r"<[^>]+>", " ", dom).split())
    assert "Destroyed: 2" in text and "On time: 1" in text and "Late: 1" in text
    assert "Late by 2.0 days" in text and "On time" in text  # per destruction, in words
    assert "audio recordings: destroyed within 3 days after the transcript is approved" in text  # the rule in words
    assert "Kept with no rule" in text and "transcripts (every version)" in text
    assert re.search(r"Audit log verified: \d+ entries", text) and "UTC" in text
    assert "How to check this report" in text and "fieldkit-board verify chain.jsonl --public-key" in text
    assert re.search(r"Audit key fingerprint( [0-9a-f]{4}){8}", text) and "<svg" in dom

    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", path.as_uri()],
                   capture_output=True, timeout=120, check=True)
    with av.open(str(shot)) as container:
        pixels = next(container.decode(video=0)).to_ndarray(format="rgb24").astype(int)
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 1000
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20  # text, table and chart drew something
    red = (pixels[..., 0] > 180) & (pixels[..., 1] < 80) & (pixels[..., 2] < 80)
    assert red.sum() > 20  # the destruction marks on the timeline
    late = (abs(pixels[..., 0] - 188) < 12) & (abs(pixels[..., 1] - 76) < 12) & (pixels[..., 2] < 20)
    assert late.sum() > 200  # the "Late" badges are drawn
