"""fieldkit benchmarks, printed as ratios against the bare library measured in this same run.

One line per figure: ``BENCH <name> <value> <unit>``; ratios end in ``_ratio``. Later issues add
figures by adding a function to FIGURES.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from fieldkit import offline
from fieldkit.clock import SystemClock
from fieldkit.demo import POLICY, SAMPLE_AUDIO, bundled

CONSENT_ITEMS = ("participate", "audio_recording", "excerpts", "quotation", "archiving")
PII_TEXT = (
    "My name is John Peterson and I served in the Chicago Police Department for twelve years. "
    "In March 2019 my colleague Sarah Miller told me that Captain Robert Jones took money from traders "
    "in Almaty. You can reach me on +7 701 555 1234 or at john.peterson@example.kz. "
) * 4


def emit(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.3f} {unit}", flush=True)


def timed_pair(raw: Callable[[], object], ours: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall times of the bare library and fieldkit, interleaved so that machine noise hits both."""
    raw()
    ours()
    raw_times, our_times = [], []
    for _ in range(repeats):
        for fn, bucket in ((raw, raw_times), (ours, our_times)):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return statistics.median(raw_times), statistics.median(our_times)


def bench_transcribe(repeats: int) -> None:
    """fieldkit's decrypt + decode + transcribe + store against bare WhisperModel.transcribe on the same
    samples (the stored audio, decoded), so the ratio isolates what fieldkit adds around inference."""
    from fieldkit.capture.audio import decode
    from fieldkit.capture.importer import import_audio
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent
    from fieldkit.interviews import get_interview
    from fieldkit.transcribe.model import load_model, resolve_model
    from fieldkit.transcribe.runner import transcribe_interview
    from fieldkit.vault.project import Project

    sample = bundled(SAMPLE_AUDIO, "data")
    model_dir = resolve_model("base")
    model = load_model(str(model_dir))
    samples: list = []  # the stored audio as whisper receives it, decoded once outside the timing

    def raw() -> None:
        segments, _ = model.transcribe(samples[0], language="en", beam_size=5)
        list(segments)

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        project = Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", SystemClock())
        with project:
            code = add_respondent(project, "P")
            record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
            interview = import_audio(project, code, sample)
            transcribe_interview(project, interview, language="en")
            stored = project.objects.get(get_interview(project, interview).audio_object)
            samples.append(decode(stored).samples)
            duration = len(samples[0]) / 16_000

            def ours() -> None:
                transcribe_interview(project, interview, language="en", replace=True)

            raw_s, ours_s = timed_pair(raw, ours, repeats * 2)  # short runs: more pairs against machine noise
    emit("transcribe_raw_s", raw_s, "s")
    emit("transcribe_fieldkit_s", ours_s, "s")
    emit("transcribe_overhead_ratio", ours_s / raw_s, "x")
    emit("transcribe_rtf", ours_s / duration, "x")
    from fieldkit.transcribe.wer import word_error_rate

    fixtures = Path(__file__).parents[1] / "tests" / "fixtures"
    for name, wav, reference in (
        ("sample", sample, sample.with_suffix(".txt")),
        ("short_en", fixtures / "short_en.wav", fixtures / "short_en.txt"),
    ):
        found, _ = model.transcribe(decode(wav.read_bytes()).samples, language="en", beam_size=5)
        emit(f"transcribe_wer_{name}", word_error_rate(reference.read_text(), " ".join(s.text for s in found)), "x")
    emit("transcribe_peak_memory_mb", transcribe_peak_memory_mb(), "MB")


PEAK_MEMORY_RUN = """
import sys, tempfile
from pathlib import Path
from fieldkit.clock import SystemClock
from fieldkit.demo import POLICY, SAMPLE_AUDIO, bundled
from fieldkit.vault.project import Project
from fieldkit.consent.respondents import add_respondent
from fieldkit.consent.records import record_consent
from fieldkit.capture.importer import import_audio
from fieldkit.transcribe.runner import transcribe_interview
with tempfile.TemporaryDirectory() as tmp:
    with Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", SystemClock()) as p:
        code = add_respondent(p, "P")
        record_consent(p, code, language="en", answers=dict.fromkeys(%r, True))
        transcribe_interview(p, import_audio(p, code, bundled(SAMPLE_AUDIO, "data")), language="en")
# VmHWM belongs to this process image alone (ru_maxrss can carry the parent's peak across fork and exec)
print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def transcribe_peak_memory_mb() -> float:
    """Peak resident memory of a whole fieldkit transcribe run in a fresh process (model load included)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", PEAK_MEMORY_RUN % (CONSENT_ITEMS,)], capture_output=True,
                         text=True, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def bench_pii(repeats: int) -> None:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from fieldkit.anonymise.engine import ENGLISH_MODEL, analyse, analyzer

    analyzer()  # also pins tldextract to its offline snapshot, which the bare engine's email check uses
    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": ENGLISH_MODEL}]}
    )
    bare = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    raw_s, ours_s = timed_pair(lambda: bare.analyze(text=PII_TEXT, language="en"), lambda: analyse(PII_TEXT, "en"),
                               repeats * 3)
    emit("pii_raw_s", raw_s, "s")
    emit("pii_fieldkit_s", ours_s, "s")
    emit("pii_overhead_ratio", ours_s / raw_s, "x")


def interview_length_text(language: str, characters: int = 90_000) -> str:
    """About a 90-minute transcript, built from the annotated development set (markup removed)."""
    from fieldkit.anonymise.evaluation import load_documents

    dev = Path(__file__).parents[1] / "tests" / "fixtures" / "pii-dev" / f"{language}.txt"
    text = " ".join(document.text for document in load_documents(dev))
    return ((text + " ") * (characters // len(text) + 1))[:characters]


def _fastest(run, repeats: int) -> float:
    """The best of ``repeats`` timed runs: the others measure the machine's other work, not the code."""
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def bench_pii_interview(repeats: int) -> None:
    """A 90-minute transcript (~90,000 characters): target under 5 s per language on 2 cores (issue 17). Each
    figure is the best of ``repeats`` runs, ours and the raw library's alike."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from fieldkit.anonymise.engine import ENGLISH_MODEL, analyse, analyzer

    analyzer()
    ours = {}
    for language in ("ru", "en"):
        text = interview_length_text(language)
        ours[language] = _fastest(lambda text=text, language=language: analyse(text, language), repeats)
        emit(f"pii_90min_{language}_s", ours[language], "s")
    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": ENGLISH_MODEL}]}
    )
    bare = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    text = interview_length_text("en")
    raw_s = _fastest(lambda: bare.analyze(text=text, language="en"), repeats)
    emit("pii_90min_raw_en_s", raw_s, "s")
    emit("pii_90min_overhead_ratio", ours["en"] / raw_s, "x")


LEXICON_SIZES = (10, 1_000, 10_000)


def synthetic_lexicon(size: int) -> list:
    """``size`` invented names (given name + surname), places and nicknames, as a project lexicon holds."""
    import random

    from fieldkit.anonymise.fuzzy import Entry

    rng = random.Random(size)
    letters = "абвгдежзиклмнопрстуфхшәғқңөұүі"
    endings = ("ов", "ев", "ина", "ова", "бек", "бай", "жан", "ұлы", "енко", "ский")

    def word(length: int) -> str:
        return "".join(rng.choice(letters) for _ in range(length)).capitalize()

    entries = []
    for index in range(size):
        kind = index % 4
        if kind == 3:
            entries.append(Entry(word(rng.randint(5, 9)), "LOCATION"))
        else:
            entries.append(Entry(f"{word(rng.randint(4, 7))} {word(rng.randint(4, 7))}{rng.choice(endings)}", "PERSON"))
    return entries


def bench_lexicon(repeats: int) -> None:
    """Issue 17: the project lexicon's fuzzy matching on a 90-minute Russian transcript at 10, 1 000 and 10 000
    entries. Each lookup goes through a deletion index, so the time to search the transcript should stay nearly
    flat as the lexicon grows (a scan of every entry per word would grow 1 000-fold from 10 to 10 000). The
    ratio is against the anonymiser's own analysis of the same text, measured in this run."""
    from fieldkit.anonymise.engine import analyse, analyzer
    from fieldkit.anonymise.lexicon import known_identifiers

    analyzer()
    text = interview_length_text("ru")
    start = time.perf_counter()
    analyse(text, "ru")
    analyse_s = time.perf_counter() - start
    emit("lexicon_analyse_90min_ru_s", analyse_s, "s")
    finds = {}
    for size in LEXICON_SIZES:
        entries = synthetic_lexicon(size)
        start = time.perf_counter()
        index = known_identifiers(entries)
        emit(f"lexicon_{size}_build_s", time.perf_counter() - start, "s")
        best = float("inf")
        for _ in range(max(1, min(repeats, 3))):
            from fieldkit.anonymise.fuzzy import _deletions, skeleton, stems

            for cache in (skeleton, stems, _deletions):
                cache.cache_clear()  # each run pays for every word of the text afresh
            start = time.perf_counter()
            index.find(text)
            best = min(best, time.perf_counter() - start)
        finds[size] = best
        emit(f"lexicon_{size}_find_90min_s", best, "s")
        emit(f"lexicon_{size}_overhead_ratio", (analyse_s + best) / analyse_s, "x")
    emit("lexicon_growth_10000_vs_10_ratio", finds[LEXICON_SIZES[-1]] / finds[LEXICON_SIZES[0]], "x")


IMPORT_MINUTES = 90
#: Issue 16: `fieldkit capture import` of a 90-minute recording stays under this peak resident memory (the
#: whole process: interpreter, passphrase unlock, decoding and encoding).
IMPORT_PEAK_TARGET_MB = 600

#: `fieldkit ARGV…` in a child process, timing the import alone and printing, last, the seconds it took and the
#: process's peak resident memory in kB (VmHWM: this process image alone; ru_maxrss can carry a parent's peak
#: across fork and exec).
MEASURED_IMPORT_RUN = """
import atexit, sys, time
import fieldkit.capture.importer as importer
real, took = importer.import_audio, []
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return real(*args, **kwargs)
    finally:
        took.append(time.perf_counter() - start)
importer.import_audio = timed
@atexit.register
def report():
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(f"MEASURED {took[0] if took else -1:.3f} {peak}", file=sys.stderr, flush=True)
from fieldkit.cli import run
sys.argv = ["fieldkit", *sys.argv[1:]]
run()
"""


def write_long_wav(path: Path, minutes: int) -> None:
    """A WAV of ``minutes`` of speech (the bundled sample, tiled) at 16 kHz mono, written a minute at a time:
    neither the file nor its samples are ever held whole here either. Synthetic input, not personal data."""
    import wave

    import numpy as np

    from fieldkit.capture import audio

    speech = (np.clip(audio.decode(bundled(SAMPLE_AUDIO, "data").read_bytes()).samples, -1, 1) * 32767).astype("<i2")
    minute = audio.SAMPLE_RATE * 60
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(audio.SAMPLE_RATE)
        for index in range(minutes):
            out.writeframes(np.take(speech, np.arange(index * minute, (index + 1) * minute), mode="wrap").tobytes())


def raw_pyav_import(path: Path, *, encode: bool) -> bytes:
    """The bare library's version of the import's audio work: PyAV decodes the file frame by frame, resamples
    to 16 kHz mono and (with ``encode``) encodes Ogg Opus in memory; nothing else (no fingerprint, no header
    checks, no encryption, no index)."""
    import io

    import av

    buffer = io.BytesIO()
    with av.open(str(path)) as source, av.open(buffer, mode="w", format="ogg") as sink:
        stream = sink.add_stream("libopus", rate=16_000)
        stream.layout = "mono"
        stream.bit_rate = 32_000
        resampler = av.AudioResampler(format="flt", layout="mono", rate=16_000)
        for frame in source.decode(source.streams.audio[0]):
            for out in resampler.resample(frame):
                if encode:
                    for packet in stream.encode(out):
                        sink.mux(packet)
        if encode:
            for packet in stream.encode(None):
                sink.mux(packet)
    return buffer.getvalue()


def flac_size(path: Path) -> int:
    """The same file as FLAC, encoded frame by frame in memory (for docs/capture.md's size comparison)."""
    import io

    import av

    buffer = io.BytesIO()
    with av.open(str(path)) as source, av.open(buffer, mode="w", format="flac") as sink:
        stream = sink.add_stream("flac", rate=16_000)
        stream.layout = "mono"
        for frame in source.decode(source.streams.audio[0]):
            frame.pts = None
            for packet in stream.encode(frame):
                sink.mux(packet)
        for packet in stream.encode(None):
            sink.mux(packet)
    return len(buffer.getvalue())


def bench_import(repeats: int) -> None:
    """`fieldkit capture import` of a 90-minute WAV (speech tiled from the sample, 16 kHz mono, 173 MB) in a
    child process: its peak resident memory against the 600 MB target, its time against the bare PyAV decode +
    resample + Opus encode of the same file (and against the decode alone) in this same run, and the stored
    bytes per hour; also Opus alone and FLAC for comparison (docs/capture.md). One run of each: they are long."""
    import os
    import subprocess
    import sys

    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent
    from fieldkit.vault.project import Project

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        wav = Path(tmp) / "long.wav"
        write_long_wav(wav, IMPORT_MINUTES)
        start = time.perf_counter()
        raw_pyav_import(wav, encode=False)
        decode_s = time.perf_counter() - start
        start = time.perf_counter()
        encoded = raw_pyav_import(wav, encode=True)
        raw_s = time.perf_counter() - start
        passphrase = "bench passphrase"
        with Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), passphrase, SystemClock()) as project:
            code = add_respondent(project, "P")
            record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
        child = subprocess.run(
            [sys.executable, "-c", MEASURED_IMPORT_RUN, "--project", str(Path(tmp) / "p"), "capture", "import", code,
             str(wav)],
            env={**os.environ, "FIELDKIT_PASSPHRASE": passphrase}, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, check=True,
        )
        measured = [line for line in child.stderr.splitlines() if line.startswith("MEASURED ")][-1].split()
        ours_s, peak_mb = float(measured[1]), int(measured[2]) / 1024
        interview = child.stdout.strip()
        with Project.open(Path(tmp) / "p", passphrase, SystemClock()) as project:
            stored = project.objects.info(project.conn.execute(
                "SELECT audio_object FROM interviews WHERE id = ?", (interview,)).fetchone()[0]).blob_size
        flac = flac_size(wav)
    hours = IMPORT_MINUTES / 60
    emit("import_90min_s", ours_s, "s")
    emit("import_90min_raw_pyav_s", raw_s, "s")
    emit("import_90min_overhead_ratio", ours_s / raw_s, "x")
    emit("import_90min_raw_pyav_decode_s", decode_s, "s")
    emit("import_90min_decode_ratio", ours_s / decode_s, "x")
    emit("import_90min_peak_rss_mb", peak_mb, "MB")
    emit("import_90min_peak_rss_target_ratio", peak_mb / IMPORT_PEAK_TARGET_MB, "x")  # under 1: target met
    emit("import_stored_mb_per_hour", stored / hours / 1e6, "MB")
    emit("import_opus_only_mb_per_hour", len(encoded) / hours / 1e6, "MB")
    emit("import_flac_mb_per_hour", flac / hours / 1e6, "MB")


def _raw_qdpx(sources: list[tuple[str, str, list[tuple[int, int, str]]]]) -> bytes:
    """The bare libraries' version of a QDPX: ElementTree elements and a deflated zip, nothing else."""
    import io
    import zipfile
    from xml.etree import ElementTree as ET

    ns = "{urn:QDA-XML:project:1.0}"
    root = ET.Element(ns + "Project", name="bench")
    holder = ET.SubElement(root, ns + "Sources")
    for guid, _text, spans in sources:
        element = ET.SubElement(holder, ns + "TextSource", guid=guid, plainTextPath=f"internal://{guid}.txt")
        for index, (start, end, code) in enumerate(spans):
            selection = ET.SubElement(element, ns + "PlainTextSelection", guid=f"{guid[:-4]}{index:04d}",
                                      startPosition=str(start), endPosition=str(end))
            ET.SubElement(ET.SubElement(selection, ns + "Coding", guid=guid), ns + "CodeRef", targetGUID=code)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", ET.tostring(root, encoding="utf-8", xml_declaration=True))
        for guid, text, _ in sources:
            archive.writestr(f"sources/{guid}.txt", text.encode())
    return buffer.getvalue()


def clean_lines(text: str) -> list[str]:
    """Text as an approved review leaves it, one line per segment: redacted, then every detection the
    export's residual scan would still make on a line replaced too, so the scan reads everything and
    reports nothing."""
    import re

    from fieldkit.anonymise.pseudonyms import Pseudonyms, redact
    from fieldkit.anonymise.review import detect

    lines = []
    for line in redact(text, "ru", "remove").replace(". ", ".\n").split("\n"):
        for _ in range(5):
            masked = re.sub(r"\[[A-Z_]+(?:-[A-Z]+)*-\d+\]", lambda m: " " * len(m.group()), line)
            found = sorted((f for f, _ in detect(masked, "ru", Pseudonyms())), key=lambda f: -f.start)
            if not found:
                break
            for finding in found:
                line = line[:finding.start] + "[OTHER-1]" + line[finding.end:]
        if line.strip():
            lines.append(line)
    return lines


def bench_export(repeats: int) -> None:
    """A corpus of 20 approved 60-minute interviews (Russian, ~60,000 characters each) with 100 codings each:
    the whole `export --format qdpx` (gates, residual scan included) and the QDPX writer against the bare
    ElementTree + zipfile build of the same selections."""
    import re

    from fieldkit import pipeline
    from fieldkit.anonymise.review import Review, residuals
    from fieldkit.coding.codebook import add_code
    from fieldkit.coding.excerpts import apply_code
    from fieldkit.coding.sources import load_source
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent
    from fieldkit.documents import AnonymisedText, Segment, Transcript
    from fieldkit.export import refi
    from fieldkit.export.writer import ExportRequest, run_export
    from fieldkit.interviews import insert_interview
    from fieldkit.vault.project import Project

    lines = clean_lines(interview_length_text("ru", 60_000))
    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp, \
            Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", SystemClock(),
                           work_factor=14) as project:
        codes = [add_code(project, f"code {n}").name for n in range(20)]
        for _ in range(20):
            code = add_respondent(project, "P")
            record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
            interview = f"{code}-1"
            segments = tuple(Segment(i * 5.0, i * 5.0 + 5, line) for i, line in enumerate(lines))

            def link(conn, object_id, interview=interview, code=code):
                insert_interview(conn, interview, code, "audio", project.clock.now())
                pipeline.transcript_stored(conn, interview, object_id, language="ru")

            project.objects.put("transcript", Transcript("ru", "base", 3600.0, segments).to_bytes(),
                                respondent=code, interview=interview, on_stored=link)

            def mark(conn, object_id, interview=interview):
                pipeline.anonymised(conn, interview, object_id)
                pipeline.approved(conn, interview, project.clock.now())

            masks = tuple((i, m.start(), m.end()) for i, line in enumerate(lines)
                          for m in re.finditer(r"\[[A-Z_]+(?:-[A-Z]+)*-\d+\]", line))  # as derive records them
            project.objects.put("anonymised", AnonymisedText("ru", segments, {}, masks).to_bytes(),
                                respondent=code, interview=interview, on_stored=mark)
            # what the line-wise clean-up left for the whole-text scan (names it only finds in context): let
            # through in one stored review, as a researcher's `review --override` of each would
            open_residuals = residuals(project, interview)
            if open_residuals:
                transcript_object = project.conn.execute(
                    "SELECT transcript_object FROM interviews WHERE id = ?", (interview,)).fetchone()[0]
                review = Review(transcript_object)
                review.overrides.extend(r.key for r in open_residuals)
                project.objects.put("review", review.to_bytes(), respondent=code, interview=interview,
                                    on_stored=lambda conn, object_id, interview=interview:
                                    pipeline.review_stored(conn, interview, object_id))
            source_text = load_source(project, interview).text
            step = len(source_text) // 100
            for index in range(100):
                apply_code(project, interview, codes[index % 20], start=index * step, end=index * step + 80)
        out = Path(tmp) / "out"
        start = time.perf_counter()
        result = run_export(project, ExportRequest("qdpx", out / "all.qdpx"))
        emit("export_qdpx_20x60min_s", time.perf_counter() - start, "s")
        assert result.sources == 20 and result.excerpts == 2000
        read = refi.read_qdpx((out / "all.qdpx").read_bytes())
        code_ids = {c.name: c.guid for c in read.codes}
        sources = [(s.guid, s.text, [(x.start, x.end, x.codes[0]) for x in s.selections]) for s in read.sources]
        assert all(len(spans) == 100 for _, _, spans in sources) and len(code_ids) == 20, "round trip lost data"
        xml_project = refi.XmlProject("bench", "bench", "2026-01-01T00:00:00Z", read.user, read.codes,
                                      read.sources, read.cases, read.notes, read.variables)
        raw_s, ours_s = timed_pair(lambda: _raw_qdpx(sources), lambda: refi.qdpx_bytes(xml_project), repeats)
        emit("export_qdpx_writer_ratio", ours_s / raw_s, "x")


_TUI_PROBE = """
import asyncio, sys, time
start = time.perf_counter()
{imports}

async def main():
    app = {make}
    async with app.run_test(size=(80, 24)) as pilot:
        while {ready}:
            await pilot.pause(0.01)
    print(time.perf_counter() - start)

asyncio.run(main())
"""
_BARE_TUI = dict(
    imports="from textual.app import App\nfrom textual.screen import Screen\nfrom textual.widgets import Input, Label",
    make="type('Bare', (App,), {'on_mount': lambda self: self.push_screen(type('S', (Screen,), "
         "{'compose': lambda self: iter([Label('locked'), Input(password=True)])})())})()",
    ready="type(app.screen).__name__ != 'S'",
)


def bench_tui(repeats: int) -> None:
    """Cold start of `fieldkit tui` to its unlock screen, in a fresh interpreter each time (imports included),
    against a bare Textual app showing the same two widgets."""
    import subprocess
    import sys

    from fieldkit.vault.project import Project

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", SystemClock()).close()
        ours = dict(imports="from fieldkit.tui.app import FieldkitApp",
                    make=f"FieldkitApp({str(Path(tmp) / 'p')!r})", ready="type(app.screen).__name__ != 'UnlockScreen'")

        def launch(probe: dict) -> float:
            code = _TUI_PROBE.format(**probe)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            return time.perf_counter() - started

        raw_s, ours_s = timed_pair(lambda: launch(_BARE_TUI), lambda: launch(ours), repeats)
    emit("tui_cold_start_s", ours_s, "s")
    emit("tui_cold_start_ratio", ours_s / raw_s, "x")


def bench_wipe(repeats: int) -> None:
    """`fieldkit wipe`: destroying the local key files, against a bare unlink of the same files."""
    import os

    from fieldkit.vault.project import KEY_FILE, Project
    from fieldkit.vault.travel import quick_wipe

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", SystemClock()).close()
        key = (Path(tmp) / "p" / KEY_FILE).read_bytes()

        def restore() -> None:
            (Path(tmp) / "p" / KEY_FILE).write_bytes(key)

        def raw() -> None:
            restore()
            os.unlink(Path(tmp) / "p" / KEY_FILE)

        def ours() -> None:
            restore()
            quick_wipe(Path(tmp) / "p")

        raw_s, ours_s = timed_pair(raw, ours, repeats)
    emit("wipe_ms", ours_s * 1000, "ms")
    emit("wipe_overhead_ratio", ours_s / raw_s, "x")


def _project_with_objects(root: Path, count: int):
    """A project holding ``count`` objects' rows and keys (issue 18's 100 and 10 000): the rows are written in
    one transaction, as their blobs play no part in a destruction's cost beyond the one destroyed."""
    import secrets as _secrets

    import pyrage

    from fieldkit.vault.project import Project

    project = Project.create(root, bundled(POLICY, "policies"), "bench passphrase for rotation", SystemClock(),
                             work_factor=10)
    with project.transaction():
        for _ in range(count):
            object_id = _secrets.token_hex(16)
            project.conn.execute(
                "INSERT INTO objects (id, kind, created, plain_size, blob_size, blob_sha256) VALUES"
                " (?, 'notes', '2026-01-01T00:00:00Z', 100, 300, ?)", (object_id, "0" * 64))
            project.conn.execute("INSERT INTO object_keys (object_id, identity) VALUES (?, ?)",
                                 (object_id, str(pyrage.x25519.Identity.generate())))
    return project


def bench_destruction(repeats: int) -> None:
    """Issue 18: one destruction (key row erased, blob overwritten, database re-keyed, old key slot
    overwritten) and one rotation alone, on projects of 100 and 10 000 objects, against the bare library's
    part of it in the same run: SQLCipher deleting the key row, and SQLCipher's PRAGMA rekey of a copy of the
    same database."""
    for count in (100, 10_000):
        with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
            _bench_destruction_at(Path(tmp), count, repeats)


def _bench_destruction_at(tmp: Path, count: int, repeats: int) -> None:
    import shutil

    import sqlcipher3

    from fieldkit.vault import keys, rotation
    from fieldkit.vault.project import DB_FILE

    project = _project_with_objects(tmp / "p", count)
    victims = [project.objects.put("notes", b"x" * 2000) for _ in range(2 * repeats + 2)]
    spare = [project.objects.put("notes", b"y" * 2000) for _ in range(2 * repeats + 2)]

    def ours_destroy() -> None:
        project.objects.shred(victims.pop(), reason="retention")

    def raw_delete() -> None:
        with project.transaction():
            project.conn.execute("DELETE FROM object_keys WHERE object_id = ?", (spare.pop(),))

    raw_s, ours_s = timed_pair(raw_delete, ours_destroy, repeats)
    emit(f"destroy_{count}_ms", ours_s * 1000, "ms")
    emit(f"destroy_{count}_vs_bare_delete_ratio", ours_s / raw_s, "x")

    shutil.copyfile(tmp / "p" / DB_FILE, tmp / "bare.db")
    bare = sqlcipher3.connect(str(tmp / "bare.db"), isolation_level=None)
    bare.execute(f"PRAGMA key = \"x'{project.db_key.hex()}'\"")
    bare.execute("PRAGMA journal_mode = DELETE")

    def raw_rekey() -> None:
        bare.execute(f"PRAGMA rekey = \"x'{keys.ProjectKeys.generate().db_key.hex()}'\"")

    raw_s, ours_s = timed_pair(raw_rekey, lambda: rotation.rotate(project), repeats)
    bare.close()
    emit(f"rotate_{count}_ms", ours_s * 1000, "ms")
    emit(f"rotate_{count}_vs_bare_rekey_ratio", ours_s / raw_s, "x")
    project.close(rotate=False)


def bench_unlock(repeats: int) -> None:
    """Issue 18: the scrypt work factor a new project gets on this machine and the time one unwrap takes with
    it (target: at least 1 s), against the fixed floor factor (keys.WORK_FACTOR) in the same run."""
    from fieldkit.vault import keys

    factor = keys.calibrate_work_factor()
    wrapper = keys.new_wrapper("bench passphrase for rotation", factor)
    floor = keys.new_wrapper("bench passphrase for rotation", keys.WORK_FACTOR)
    payload = keys.slot_payload(keys.ProjectKeys.generate(), wrapper)
    floor_payload = keys.slot_payload(keys.ProjectKeys.generate(), floor)
    floor_s, ours_s = timed_pair(lambda: keys.open_slot(floor_payload, "bench passphrase for rotation"),
                                 lambda: keys.open_slot(payload, "bench passphrase for rotation"), max(1, repeats // 2))
    emit("unlock_work_factor", factor, "log2N")
    emit("unlock_s", ours_s, "s")
    emit("unlock_vs_floor_factor_ratio", ours_s / floor_s, "x")


def bench_audit(repeats: int) -> None:
    """Issue 19: verifying a 10 000-entry exported log with the board's verifier (parse, grammar, chain, every
    signature, pins) against the bare work (SHA-256 of each canonical body and one Ed25519 verification each,
    with cryptography); and reading an object whose key is locked to a deadline against one that is not."""
    import hashlib
    import json

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from fieldkit.vault.project import Project
    from fieldkit_board import chain as spec

    private = hashlib.sha256(b"bench audit key").hexdigest()
    public = spec.public_key_hex(private)
    entries, prev = [], spec.GENESIS
    for seq in range(1, 10_001):
        data = {"object": f"{seq:032x}", "kind": "audio", "plain_size": seq, "respondent": "P1", "interview": None}
        if seq == 1:
            data = {"public_key": public}
        ts = f"2026-03-01T09:00:{seq % 60:02d}.000000Z"
        digest = spec.entry_hash(seq, ts, "object_stored", data, prev)
        entries.append(spec.Entry(seq, ts, "object_stored", data, prev, digest, spec.sign(private, digest.encode())))
        prev = digest
    text = spec.export_text(entries, public, private)
    pin = spec.parse_key_pin(public)
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public))

    def raw() -> None:
        for line in text.splitlines()[1:]:
            entry = json.loads(line)
            body = {k: entry[k] for k in ("seq", "ts", "event", "data", "prev")}
            digest = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
            key.verify(bytes.fromhex(entry["sig"]), digest.encode())

    def ours() -> None:
        spec.verify_export(spec.parse_export(text), pin)

    raw_s, ours_s = timed_pair(raw, ours, repeats)
    emit("audit_verify_10k_s", ours_s, "s")
    emit("audit_verify_overhead_ratio", ours_s / raw_s, "x")

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        clock = SystemClock()
        with Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", clock,
                            work_factor=14) as project:
            plain_id = project.objects.put("notes", b"x" * 4096)  # no rule: its key is stored as it is
            project.objects.deadline_of = lambda *_: clock.now() + timedelta(days=30)
            locked_id = project.objects.put("audio", b"x" * 4096)  # locked to a deadline slot
            raw_s, ours_s = timed_pair(lambda: project.objects.get(plain_id), lambda: project.objects.get(locked_id),
                                       max(repeats, 20))
    emit("deadline_locked_get_ms", ours_s * 1000, "ms")
    emit("deadline_lock_overhead_ratio", ours_s / raw_s, "x")


def bench_codebook(repeats: int) -> None:
    """Issue 20: planning the import of a 2,000-code nested codebook (.qdc) into a project that holds those codes
    already (a team's weekly sync: every code matched, nothing to change), against the bare work of reading the
    file (defusedxml, every Code's attributes and Description) in the same run."""
    from defusedxml import ElementTree as SafeET

    from fieldkit.coding.codebook import apply_import, plan_import
    from fieldkit.export import refi
    from fieldkit.export.codebook_exchange import plan_codebook_import, read_codebook
    from fieldkit.vault.project import Project

    codes, guid = [], iter(f"00000000-0000-4000-8000-{n:012x}" for n in range(1, 10_000))
    for a in range(20):
        top = next(guid)
        codes.append(refi.XmlCode(top, f"Тема {a}", "#4363D8", f"Описание темы {a}", codable=False))
        for b in range(9):
            middle = next(guid)
            codes.append(refi.XmlCode(middle, f"Код {a}.{b}", None, f"Что значит код {a}.{b}", top))
            codes.extend(refi.XmlCode(next(guid), f"Подкод {a}.{b}.{c}", None, "", middle) for c in range(10))
    data = refi.codebook_xml(codes, "bench")

    def raw() -> None:
        root = SafeET.fromstring(data)
        [(e.get("guid"), e.get("name"), e.get("isCodable"), e.findtext("{*}Description"))
         for e in root.iter() if e.tag.endswith("}Code")]

    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as tmp:
        path = Path(tmp) / "team.qdc"
        path.write_bytes(data)
        with Project.create(Path(tmp) / "p", bundled(POLICY, "policies"), "bench passphrase", SystemClock(),
                            work_factor=14) as project:
            apply_import(project, plan_import(project, read_codebook(path)[0]))
            raw_s, ours_s = timed_pair(raw, lambda: plan_codebook_import(project, path), repeats)
            plan, _, _ = plan_codebook_import(project, path)
            assert plan.unchanged == len(codes) == 2000 and not plan.changes
    emit("codebook_plan_2000_codes_s", ours_s, "s")
    emit("codebook_plan_overhead_ratio", ours_s / raw_s, "x")


FIGURES = {"transcribe": bench_transcribe, "pii": bench_pii, "pii_interview": bench_pii_interview,
           "lexicon": bench_lexicon,
           "import": bench_import, "export": bench_export, "tui": bench_tui,
           "wipe": bench_wipe, "destruction": bench_destruction, "unlock": bench_unlock, "audit": bench_audit,
           "codebook": bench_codebook}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("figures", nargs="*", choices=[*FIGURES, []], help="default: all")
    args = parser.parse_args()
    offline.enforce()
    for name in args.figures or FIGURES:
        FIGURES[name](args.repeats)


if __name__ == "__main__":
    main()
