"""The services layer: what both front ends (CLI and TUI) call, above the stages.

Importing this package installs the pipeline's event handlers and the finishers of interrupted operations
(vault.intents), because this is the one place that knows every area: earlier stages publish events, later
ones react, and neither imports the other.
"""

from __future__ import annotations

from fieldkit import pipeline
from fieldkit.anonymise import lexicon
from fieldkit.anonymise.review import carry_review_forward, forget_discarded, forget_withdrawn
from fieldkit.coding.excerpts import prune_after_destruction
from fieldkit.consent.records import WITHDRAWAL_INTENT, finish_interrupted_withdrawal
from fieldkit.export.writer import EXPORT_INTENT, finish_export
from fieldkit.vault import intents


def install_handlers() -> None:
    pipeline.subscribe(pipeline.TranscriptStored, carry_review_forward)
    pipeline.subscribe(pipeline.RespondentWithdrawn, forget_withdrawn)
    pipeline.subscribe(pipeline.RespondentWithdrawn, prune_after_destruction)
    pipeline.subscribe(pipeline.ObjectsDestroyed, prune_after_destruction)
    pipeline.subscribe(pipeline.InterviewDiscarded, forget_discarded)
    pipeline.subscribe(pipeline.RespondentWithdrawn, lexicon.forget_withdrawn)
    pipeline.subscribe(pipeline.InterviewDiscarded, lexicon.forget_discarded)
    intents.register(WITHDRAWAL_INTENT, finish_interrupted_withdrawal)
    intents.register(pipeline.DISCARD_INTENT, pipeline.finish_interrupted_discard)
    intents.register(EXPORT_INTENT, finish_export)
    pipeline.mark_installed()


install_handlers()
