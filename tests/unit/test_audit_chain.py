from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.audit.chain import AuditEntry, check_fields, entry_hash, read_export, verify
from fieldkit.errors import AuditError, UsageError


def make_chain(n: int) -> list[AuditEntry]:
    entries, prev = [], "0" * 64
    for seq in range(1, n + 1):
        data = {"object": f"obj{seq}", "kind": "audio", "plain_size": seq * 10}
        ts = f"2026-01-01T00:00:{seq:02d}.000000Z"
        digest = entry_hash(seq, ts, "object_stored", data, prev)
        entries.append(AuditEntry(seq, ts, "object_stored", data, prev, digest))
        prev = digest
    return entries


def test_intact_chain_verifies_and_reports_head():
    chain = make_chain(5)
    result = verify(chain)
    assert result.entries == 5
    assert result.head == chain[-1].hash


def test_altered_data_names_the_entry():
    chain = make_chain(5)
    chain[2] = replace(chain[2], data={**chain[2].data, "plain_size": 999})
    with pytest.raises(AuditError, match=r"audit entry 3 \(object_stored\) was altered"):
        verify(chain)


def test_removed_entry_is_reported_missing():
    chain = make_chain(5)
    del chain[1]
    with pytest.raises(AuditError, match="audit entry 2 is missing"):
        verify(chain)


def test_rehashed_entry_breaks_the_link_to_the_next():
    chain = make_chain(4)
    forged = replace(chain[1], event="export_made")
    chain[1] = replace(forged, hash=entry_hash(2, forged.ts, forged.event, forged.data, forged.prev))
    with pytest.raises(AuditError, match="audit entry 3 does not follow entry 2"):
        verify(chain)


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, 5), field=st.sampled_from(["ts", "event", "prev", "hash"]), junk=st.text(min_size=1))
def test_any_single_field_change_is_detected_at_or_before_that_entry(index, field, junk):
    chain = make_chain(6)
    original = getattr(chain[index], field)
    if junk == original:
        return
    chain[index] = replace(chain[index], **{field: junk})
    with pytest.raises(AuditError) as caught:
        verify(chain)
    assert f"entry {index + 1}" in str(caught.value)


def test_fields_outside_the_allowlist_are_refused():
    with pytest.raises(UsageError, match="not on the allowed list"):
        check_fields("object_stored", {"name": "Murat"})


def test_free_text_values_are_refused():
    with pytest.raises(UsageError, match="could carry free text"):
        check_fields("object_stored", {"reason": "told me about Murat Kozhanov"})


def test_export_round_trip_and_tampered_line(tmp_path, project):
    with project.transaction():
        project.audit.append("object_stored", object="abc", kind="notes")
    out = tmp_path / "chain.jsonl"
    assert project.audit.export(out) == 2
    assert verify(read_export(out)).entries == 2

    lines = out.read_text().splitlines()
    entry = json.loads(lines[1])
    entry["data"]["kind"] = "audio"
    lines[1] = json.dumps(entry)
    out.write_text("\n".join(lines) + "\n")
    with pytest.raises(AuditError, match="audit entry 2"):
        verify(read_export(out))


def test_malformed_export_line_is_named(tmp_path):
    out = tmp_path / "chain.jsonl"
    out.write_text('{"seq": 1}\nnot json\n')
    with pytest.raises(AuditError, match="line 1 is not a valid audit entry"):
        read_export(out)


def test_clock_going_backwards_is_logged(project, clock):
    clock.instant -= timedelta(days=2)
    with project.transaction():
        project.audit.append("object_stored", object="abc", kind="notes")
    events = [entry.event for entry in project.audit.entries()]
    assert events == ["project_created", "clock_went_backwards", "object_stored"]
    assert verify(project.audit.entries()).entries == 3


def test_truncated_log_fails_against_a_witnessed_checkpoint():
    chain = make_chain(6)
    checkpoint = verify(chain[:5]).checkpoint
    assert verify(chain, checkpoint).entries == 6  # a longer log extends it
    with pytest.raises(AuditError, match="before the witnessed checkpoint 5: truncated"):
        verify(chain[:3], checkpoint)


def test_rebuilt_log_fails_against_a_witnessed_checkpoint():
    chain = make_chain(4)
    checkpoint = verify(chain).checkpoint
    rebuilt, prev = [], "0" * 64
    for entry in chain:
        data = {**entry.data, "plain_size": 1} if entry.seq == 2 else entry.data
        digest = entry_hash(entry.seq, entry.ts, entry.event, data, prev)
        rebuilt.append(AuditEntry(entry.seq, entry.ts, entry.event, data, prev, digest))
        prev = digest
    with pytest.raises(AuditError, match="entry 4 differs from the witnessed checkpoint"):
        verify(rebuilt, checkpoint)


def test_empty_log_does_not_verify():
    with pytest.raises(AuditError, match="empty"):
        verify([])


def test_exported_entry_with_smuggled_fields_fails():
    chain = make_chain(2)
    data = {**chain[1].data, "name": "Ivanov"}
    chain[1] = replace(chain[1], data=data, hash=entry_hash(2, chain[1].ts, chain[1].event, data, chain[1].prev))
    with pytest.raises(AuditError, match="entry 2 holds data"):
        verify(chain)


def test_trailing_newline_cannot_sneak_text_in():
    with pytest.raises(UsageError):
        check_fields("object_stored", {"reason": "Ivanov\n"})
