from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
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

    lines = out.read_text().splitlines()  # line 0 is the header with the public key
    entry = json.loads(lines[2])
    entry["data"]["kind"] = "audio"
    lines[2] = json.dumps(entry)
    out.write_text("\n".join(lines) + "\n")
    with pytest.raises(AuditError, match="audit entry 2"):
        verify(read_export(out))


def test_malformed_export_line_is_named(tmp_path):
    out = tmp_path / "chain.jsonl"
    out.write_text('{"seq": 1}\nnot json\n')
    with pytest.raises(AuditError, match="line 1 is not the export header"):
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


def signed_log(n_events=6):
    """A fresh signed chain in an in-memory SQLCipher database (same code path as a project's log)."""
    import sqlcipher3

    from fieldkit.audit.chain import SIGNING_KEY, AuditLog, new_signing_key
    from fieldkit.clock import FixedClock, parse_instant
    from fieldkit.vault.db import MIGRATIONS, SCHEMA

    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    for statements in MIGRATIONS.values():
        for statement in statements:
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES (?, ?)", (SIGNING_KEY, new_signing_key()))
    log = AuditLog(conn, FixedClock(parse_instant("2026-03-01T09:00:00Z")))
    for i in range(n_events):
        log.append("object_stored", object=f"obj{i}", kind="notes", plain_size=i)
    return log


MUTATIONS = ("flip", "delete", "swap", "append_copy", "append_forged", "truncate", "resign_with_other_key")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutation_of_an_exported_log_is_detected(tmp_path_factory, data):
    from fieldkit.audit.chain import read_export_with_key, verify_export

    log = signed_log()
    out = tmp_path_factory.mktemp("m") / "chain.jsonl"
    log.export(out)
    header, *lines = out.read_text().splitlines()
    checkpoint = verify(read_export(out), public_key=json.loads(header)["public_key"]).checkpoint
    assert verify_export(read_export_with_key(out), log.public_key()).entries == 6  # intact: passes
    mutation = data.draw(st.sampled_from(MUTATIONS))
    index = data.draw(st.integers(0, len(lines) - 1))
    if mutation == "flip":
        raw = bytearray(lines[index].encode())
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] ^= 1 << data.draw(st.integers(0, 6))
        if bytes(raw) == lines[index].encode():
            return
        lines[index] = raw.decode("utf-8", errors="replace")
    elif mutation == "delete":
        del lines[index]
    elif mutation == "swap":
        other = data.draw(st.integers(0, len(lines) - 1).filter(lambda i: i != index))
        lines[index], lines[other] = lines[other], lines[index]
    elif mutation == "append_copy":
        lines.append(lines[index])
    elif mutation in ("append_forged", "resign_with_other_key"):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        forger = Ed25519PrivateKey.generate()
        last = json.loads(lines[-1])
        seq, prev = last["seq"] + 1, last["hash"]
        data_ = {"object": "forged", "kind": "audio"}
        digest = entry_hash(seq, last["ts"], "object_destroyed", data_, prev)
        forged = {"seq": seq, "ts": last["ts"], "event": "object_destroyed", "data": data_, "prev": prev,
                  "hash": digest, "sig": forger.sign(digest.encode()).hex()}
        lines.append(json.dumps(forged))
        if mutation == "resign_with_other_key":  # a forger also swaps in their own public key
            from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

            public = forger.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
            header = json.dumps({"fieldkit_audit_export": 1, "public_key": public})
    elif mutation == "truncate":
        lines = lines[: data.draw(st.integers(0, len(lines) - 1))]
    out.write_text("\n".join([header, *lines]) + "\n")
    pinned = log.public_key()
    with pytest.raises(AuditError):
        verify_export(read_export_with_key(out), pinned, checkpoint if mutation == "truncate" else None)
