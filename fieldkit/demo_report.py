"""Render the demo summary for a terminal (presentation only; the demo itself is in fieldkit.demo)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fieldkit.demo import DemoSummary


def print_summary(console: Console, summary: DemoSummary) -> None:
    console.print(f"[bold]fieldkit demo[/bold] — project in {summary.project}")
    consent = summary.consent
    console.print(
        f"consent: {consent.script} v{consent.version} ({consent.language}, {consent.mode}), text sha256 "
        f"{consent.text_sha256[:16]}…, yes to {', '.join(k for k, v in consent.answers.items() if v)}; no name stored"
    )
    console.print(
        f"respondent {summary.respondent}, interview {summary.interview}: "
        f"{summary.audio_seconds:.1f} s of audio ({summary.source_size:,} B WAV), language {summary.language}"
    )
    table = Table(title="Stored objects (each age-encrypted to its own key)")
    for column in ("object", "kind", "plaintext", "encrypted", "state"):
        table.add_column(column)
    for obj in summary.objects:
        table.add_row(
            obj.id[:12], obj.kind, f"{obj.plain_size:,} B", f"{obj.blob_size:,} B",
            "destroyed (key erased)" if obj.destroyed else "stored",
        )
    console.print(table)
    found = ", ".join(f"{name} ×{count}" for name, count in sorted(summary.entity_counts.items())) or "none"
    # Text, not markup: a generalised value such as "[a city abroad]" would be read as a style tag and vanish
    console.print(Panel(Text(summary.anonymised_text), title=f"Anonymised transcript (replaced: {found})"))
    coded = Table(title=f"Coded excerpts ({len(summary.codes)} codes in the codebook)")
    coded.add_column("code")
    coded.add_column("excerpt (anonymised)")
    for path, text in summary.excerpts:
        coded.add_row(Text(path), Text(text))
    console.print(coded)
    for label, result in (("QDPX (NVivo, ATLAS.ti, MAXQDA, QualCoder)", summary.qdpx),
                          ("CSV excerpts", summary.export), ("interview register", summary.register)):
        rows = f"{result.rows} row{'s' if result.rows != 1 else ''}"
        console.print(f"export, {label}: {result.path} ({rows}, sha256 {result.sha256[:16]}…)")
    console.print(
        f"audit chain verified: {summary.audit_entries} entries, head {summary.audit_head[:16]}…; "
        f"exported for an ethics board to {summary.audit_export}"
    )
    console.print(f"a board verifies it against the audit key's fingerprint, never the key inside the file: "
                  f"fieldkit-board verify {summary.audit_export} --public-key '{summary.audit_fingerprint}'")
    console.print(f"ethics-board report (open in a browser): {summary.report}")
    console.print(
        f"explore it: FIELDKIT_PASSPHRASE='{summary.passphrase}' fieldkit --project {summary.project} status"
    )
