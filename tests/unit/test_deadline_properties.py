"""Deadlines cannot be postponed: random sequences of captures, approvals, approvals cleared by a review
decision or an edit, clock moves (forwards and back) and enforcement runs, on a real project. After every
step no deadline is later than it ever was, and after every enforcement nothing past its deadline survives."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit import pipeline
from fieldkit.anonymise import review as rv
from fieldkit.retention.schedule import effective_now, enforce, items
from tests.conftest import FixedClock, add_transcribed_interview, open_copy

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("capture"), st.integers(0, 3)),
        st.tuples(st.just("approve"), st.integers(0, 3)),
        st.tuples(st.just("clear"), st.integers(0, 3)),  # a review decision or an edit clears the approval
        st.tuples(st.just("forward"), st.integers(1, 24 * 40)),  # hours
        st.tuples(st.just("back"), st.integers(1, 24 * 10)),
        st.tuples(st.just("enforce"), st.just(0)),
    ),
    min_size=1, max_size=10,
)


def _anonymise(project, interview: str) -> None:
    """What storing a new anonymised version does (a review decision, an edit re-anonymised): approval cleared."""
    def link(conn, object_id):
        pipeline.anonymised(conn, interview, object_id)

    project.objects.put("transcript", b"{}", interview=interview, on_stored=link)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(steps=STEPS)
def test_no_deadline_moves_later_and_nothing_overdue_survives(project_template, steps):
    template, project_keys = project_template
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(template, root)
        clock = FixedClock(START)
        project = open_copy(root, project_keys, clock)
        try:
            interviews: list[str] = []
            earliest: dict[str, datetime] = {}  # the earliest deadline each object ever had
            for action, amount in steps:
                if action == "capture":
                    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])

                    def link(conn, object_id, interview=interview):
                        conn.execute("UPDATE interviews SET audio_object = ? WHERE id = ?", (object_id, interview))

                    project.objects.put("audio", b"opus", respondent="P1", interview=interview, on_stored=link)
                    interviews.append(interview)
                elif action in ("approve", "clear") and interviews:
                    interview = interviews[amount % len(interviews)]
                    _anonymise(project, interview)
                    if action == "approve":
                        rv.approve(project, interview)
                elif action == "forward":
                    clock.instant += timedelta(hours=amount)
                elif action == "back":
                    clock.instant -= timedelta(hours=amount)
                elif action == "enforce":
                    enforce(project)
                    now = effective_now(project)
                    survivors = [i for i in items(project, include_destroyed=False) if i.deadline and i.deadline <= now]
                    assert survivors == [], f"past their deadline after enforcement: {survivors}"
                for item in items(project):
                    if item.deadline is None:
                        continue
                    before = earliest.setdefault(item.object, item.deadline)
                    assert item.deadline <= before, f"{item.kind} {item.object[:8]}: deadline moved later"
                    earliest[item.object] = item.deadline
        finally:
            project.close()
