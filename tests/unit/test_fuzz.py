"""Fuzz tests (issue 10): the policy parser, audio import, the blob reader and the audit-log verifier.

Property everywhere: the only failure a user can meet is a FieldkitError (one line, with a hint), and a
refused operation leaves nothing behind (no rows, no blob files, no changed files).

The crashes these fuzzers found (a non-table [[rules]] entry, a dotted key, a huge duration, deep nesting, a
superscript digit in a checkpoint, an infinite sequence number, a non-string public key, a folder in place of
a blob, an altered entry that still verified) are fixed and pinned by the test_regression_* tests.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
import tomllib
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fieldkit
from fieldkit.audit.chain import Export, parse_checkpoint, read_export_with_key, verify, verify_export
from fieldkit.capture.audio import decode
from fieldkit.capture.importer import import_audio
from fieldkit.consent.records import record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.errors import AuditError, CorruptObject, FieldkitError, InvalidAudio, PolicyError, UsageError
from fieldkit.retention.policy import Policy, parse_policy
from fieldkit.vault.ageformat import AgeFormatError, check_header
from fieldkit.vault.project import Project
from tests.conftest import CONSENT_ITEMS, FIXTURES, REFERENCE_POLICY

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FIELDKIT_DIR = str(Path(fieldkit.__file__).parent)

# --------------------------------------------------------------------------------------------------------
# (1) the policy parser
# --------------------------------------------------------------------------------------------------------

REFERENCE_TEXT = REFERENCE_POLICY.read_text()
REFERENCE_DATA = tomllib.loads(REFERENCE_TEXT)


def parses_or_refuses(raw: bytes) -> Policy | None:
    """parse_policy's whole contract: a Policy, or a PolicyError. Anything else fails the test."""
    try:
        policy = parse_policy(raw, "fuzz.toml")
    except PolicyError as exc:
        assert str(exc).startswith("fuzz.toml"), str(exc)  # every error names the file
        return None
    assert isinstance(policy, Policy)
    return policy


def toml_string(text: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes; TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value) -> str:
    """One value as inline TOML (tables become inline tables, so a document is just ``key = value`` lines)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_document(data: dict) -> bytes:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in data.items()).encode()


text_no_surrogates = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
KNOWN_KEYS = sorted(
    {"policy", "name", "ethics_approval", "project_end", "categories", "code", "description", "anonymisation",
     "location", "export", "date_precision", "linking_key", "allowed", "consent", "scripts", "duress",
     "wipe_after_failed_unlocks", "rules", "applies_to", "after", "within", "action"}
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), text_no_surrogates,
                 st.builds("".join, st.lists(st.sampled_from(["a", ".", "[", "]", "0", " ", "P"]), max_size=6)))
scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.booleans(),
    text_no_surrogates,
    st.sampled_from(["", " ", "P", "DE", "audio", "all", "destroy", "region", "month", "standard-oral",
                     "project_end", "stored", "24h", "3d", "2w", "0h", " 5 d ", "3x", "d", "-1d", "1.5d",
                     "P\n", "٣d", "１d"]),
    st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 10**12), st.sampled_from("hdw")),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)


def assert_valid_fields(policy: Policy) -> None:
    """What a Policy promises the rest of fieldkit, however odd the input was."""
    assert policy.categories and policy.rules
    assert isinstance(policy.project_end, date)
    assert all(isinstance(c.code, str) and isinstance(c.description, str) for c in policy.categories)
    assert isinstance(policy.linking_key_allowed, bool)
    assert 0 <= policy.wipe_after_failed_unlocks <= 1000


def test_serialised_reference_is_still_a_valid_policy():
    """Sanity check of the fuzzers' own TOML writer."""
    assert tomllib.loads(toml_document(REFERENCE_DATA).decode()) == REFERENCE_DATA
    assert_valid_fields(parse_policy(toml_document(REFERENCE_DATA), "fuzz.toml"))


@FAST
@given(raw=st.binary(max_size=512))
def test_policy_arbitrary_bytes(raw):
    parses_or_refuses(raw)


@FAST
@given(text=st.text(max_size=400))
def test_policy_arbitrary_text(text):
    parses_or_refuses(text.encode("utf-8", errors="surrogatepass"))


@FAST
@given(data=st.data())
def test_policy_line_mutations_of_the_reference(data):
    lines = REFERENCE_TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        index = data.draw(st.integers(0, len(lines) - 1), label="line")
        op = data.draw(st.sampled_from(["drop", "duplicate", "swap", "replace", "value", "insert", "truncate"]))
        if op == "drop":
            del lines[index]
        elif op == "duplicate":
            lines.insert(index, lines[index])
        elif op == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif op == "replace":
            lines[index] = data.draw(st.text(max_size=40).filter(lambda t: "\n" not in t and "\r" not in t))
        elif op == "value":  # keep the key, give it any TOML value
            valued = [n for n, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")]
            if not valued:
                continue
            target = data.draw(st.sampled_from(valued))
            lines[target] = lines[target].split("=", 1)[0] + "= " + toml_value(data.draw(toml_values))
        elif op == "insert":
            lines.insert(index, f"{toml_string(data.draw(keys))} = {toml_value(data.draw(toml_values))}")
        else:
            lines = lines[:index]
        if not lines:
            break
    policy = parses_or_refuses("\n".join(lines).encode())
    if policy is not None:
        assert_valid_fields(policy)


@FAST
@given(raw=st.binary(min_size=1, max_size=6), position=st.integers(0, len(REFERENCE_TEXT.encode()) - 1))
def test_policy_byte_splices_of_the_reference(raw, position):
    original = REFERENCE_TEXT.encode()
    parses_or_refuses(original[:position] + raw + original[position + len(raw):])


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*prefix, index))


@FAST
@given(data=st.data())
def test_policy_structured_mutations_of_the_reference(data):
    """Walk the parsed reference policy, change values, types, keys and list lengths, write it back."""
    document = copy.deepcopy(REFERENCE_DATA)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        paths = list(paths_of(document))[1:]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        op = data.draw(st.sampled_from(["value", "delete", "add_key", "duplicate", "wrap", "empty"]), label="op")
        if op == "value":
            parent[last] = data.draw(toml_values)
        elif op == "delete":
            del parent[last]
        elif op == "add_key" and isinstance(parent, dict):
            parent[data.draw(keys)] = data.draw(toml_values)
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif op == "wrap":
            parent[last] = [parent[last]]
        elif op == "empty":
            parent[last] = type(parent[last])() if isinstance(parent[last], dict | list | str) else None
            if parent[last] is None:
                del parent[last]
    policy = parses_or_refuses(toml_document(document))
    if policy is not None:
        assert_valid_fields(policy)


@FAST
@given(document=st.dictionaries(keys, toml_values, max_size=8))
def test_policy_random_toml_documents(document):
    parses_or_refuses(toml_document(document))


@FAST
@given(document=st.fixed_dictionaries(
    {"policy": st.fixed_dictionaries({}, optional={"name": toml_values, "ethics_approval": toml_values,
                                                   "project_end": toml_values}) | toml_values},
    optional={key: toml_values for key in ("categories", "anonymisation", "export", "linking_key", "consent",
                                            "duress", "rules")},
))
def test_policy_random_documents_with_the_right_sections(document):
    parses_or_refuses(toml_document(document))


def reference_with(old: str, new: str) -> bytes:
    assert old in REFERENCE_TEXT
    return REFERENCE_TEXT.replace(old, new, 1).encode()


def without_tables(name: str) -> str:
    blocks = REFERENCE_TEXT.split("\n\n")
    return "\n\n".join(block for block in blocks if not block.startswith(f"[[{name}]]"))


@pytest.mark.parametrize("section", ["categories", "rules"])
def test_regression_array_entry_that_is_not_a_table(section):
    with pytest.raises(PolicyError):
        parse_policy(f"{section} = [1]\n{without_tables(section)}".encode(), "p.toml")


@pytest.mark.parametrize(("old", "new"), [
    ('action = "destroy"', 'action = "destroy"\n"keep.copies" = true'),
    ('date_precision = "month"', '"a[b.c" = 1'),
])
def test_regression_unknown_key_with_a_dot(old, new):
    with pytest.raises(PolicyError, match="unknown field"):
        parse_policy(reference_with(old, new), "p.toml")


@pytest.mark.parametrize("within", ["1000000000d", "99999999999999h", "999999999999w"])
def test_regression_huge_duration(within):
    with pytest.raises(PolicyError, match="within"):
        parse_policy(reference_with('within = "3d"', f'within = "{within}"'), "p.toml")


def test_regression_deeply_nested_toml():
    with pytest.raises(PolicyError):
        parse_policy(b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "p.toml")


# --------------------------------------------------------------------------------------------------------
# (2) audio decoding and import
# --------------------------------------------------------------------------------------------------------

AUDIO = {ext: (FIXTURES / f"short_en.{ext}").read_bytes() for ext in ("wav", "mp3", "ogg", "flac")}


def damaged_audio():
    """A fixture recording truncated, with bytes flipped, overwritten or spliced in."""

    @st.composite
    def build(draw):
        ext = draw(st.sampled_from(sorted(AUDIO)))
        data = bytearray(AUDIO[ext])
        op = draw(st.sampled_from(["truncate", "flip", "overwrite_head", "splice", "zero_run"]))
        if op == "truncate":
            cut = draw(st.one_of(st.integers(0, 512), st.integers(0, len(data))))
            del data[cut:]
        elif op == "flip":
            for _ in range(draw(st.integers(1, 8))):
                position = draw(st.one_of(st.integers(0, 127), st.integers(0, len(data) - 1)))
                data[position] ^= 1 << draw(st.integers(0, 7))
        elif op == "overwrite_head":
            junk = draw(st.binary(min_size=1, max_size=64))
            start = draw(st.integers(0, 64))
            data[start:start + len(junk)] = junk
        elif op == "splice":
            other = AUDIO[draw(st.sampled_from(sorted(AUDIO)))]
            cut = draw(st.integers(0, len(data)))
            data = data[:cut] + other[draw(st.integers(0, len(other))):]
        else:
            start = draw(st.integers(0, len(data) - 1))
            data[start:start + draw(st.integers(1, 4096))] = bytes(min(4096, len(data) - start))
        return ext, bytes(data)

    return build()


@SLOW
@given(data=st.binary(max_size=2048))
def test_decode_random_bytes(data):
    with pytest.raises(InvalidAudio):
        decode(data, label="upload")


@SLOW
@given(sample=damaged_audio())
def test_decode_damaged_recordings(sample):
    _, data = sample
    try:
        audio = decode(data, label="upload")
    except InvalidAudio as exc:
        assert str(exc).startswith("upload"), str(exc)
    else:
        assert audio.duration_s >= 0.1 and audio.samples.dtype.name == "float32"


def stored_state(project) -> tuple:
    conn = project.conn
    counts = tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                   for table in ("objects", "interviews", "audit", "object_keys"))
    blobs = sorted(str(p.relative_to(project.root)) for p in (project.root / "blobs").rglob("*") if p.is_file())
    return counts, blobs


def test_import_of_damaged_or_random_files_stores_nothing_when_refused(project, tmp_path):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    source = tmp_path / "recording.bin"
    outcomes = []

    @settings(max_examples=30, deadline=None)
    @given(sample=st.one_of(damaged_audio(), st.tuples(st.just("random"), st.binary(max_size=1024))))
    def fuzz(sample):
        ext, data = sample
        source.write_bytes(data)
        before = stored_state(project)
        try:
            interview = import_audio(project, code, source)
        except FieldkitError:
            outcomes.append("refused")
            assert stored_state(project) == before, "a refused import left something behind"
            assert not project.conn.in_transaction
        else:
            outcomes.append("stored")
            (counts, blobs), (old_counts, old_blobs) = stored_state(project), before
            assert counts[:2] == (old_counts[0] + 1, old_counts[1] + 1)
            assert len(blobs) == len(old_blobs) + 1
            assert project.conn.execute("SELECT 1 FROM interviews WHERE id = ?", (interview,)).fetchone()
        assert source.read_bytes() == data  # the source is never touched

    fuzz()
    assert "refused" in outcomes


# --------------------------------------------------------------------------------------------------------
# (3) the blob reader
# --------------------------------------------------------------------------------------------------------


# Drawn independently of the ciphertext (rage adds a random "grease" stanza, so its shape varies), then applied.
blob_mutations = st.tuples(
    st.sampled_from(["truncate", "flip", "append", "header_line", "drop_line", "dup_line", "insert"]),
    st.integers(0, 2**16),
    st.integers(0, 7),
    st.one_of(
        st.binary(min_size=1, max_size=80).filter(lambda b: b"\n" not in b),
        st.sampled_from([b"", b"-> X25519", b"-> X25519 ", b"-> ", b"---", b"age-encryption.org/v2",
                         b"-> scrypt AAAA 10", b"A" * 64, b"A" * 65, b"====", b"-> X25519 AAAA\nAAAA"]),
    ),
)


def mutate_blob(ciphertext: bytes, mutation) -> bytes:
    op, seed, bit, junk = mutation
    data = bytearray(ciphertext)
    header_end = ciphertext.index(b"\n---") + 1
    if op == "truncate":
        del data[seed % len(data):]
    elif op == "flip":  # half the flips land in the header, where the parsing is
        data[seed % (header_end + 40) if seed % 2 else seed % len(data)] ^= 1 << bit
    elif op == "append":
        data += junk or b"\0"
    else:
        lines = bytes(data[:header_end]).split(b"\n")[:-1]  # header lines; the MAC line and payload follow
        rest = bytes(data[header_end:])
        index = seed % len(lines)
        if op == "header_line":
            lines[index] = junk
        elif op == "drop_line":
            del lines[index]
        elif op == "dup_line":
            lines.insert(index, lines[index])
        else:
            lines.insert(index, junk)
        data = bytearray(b"\n".join(lines) + b"\n" + rest)
    return bytes(data)


def assert_get_refuses_or_returns(project, object_id: str, payload: bytes, *, unchanged: bool) -> None:
    try:
        plaintext = project.objects.get(object_id)
    except FieldkitError as exc:
        assert isinstance(exc, CorruptObject), type(exc)
        assert not unchanged, "an intact blob was refused"
    else:
        assert plaintext == payload, "a damaged blob decrypted to different plaintext"
        assert unchanged, "a damaged blob was read without complaint"


def test_damaged_blobs_are_refused(project):
    """Any change to the file on disk is caught by its checksum."""

    @settings(max_examples=40, deadline=None)
    @given(payload=st.binary(max_size=300), mutation=blob_mutations)
    def fuzz(payload, mutation):
        object_id = project.objects.put("notes", payload)
        path = project.objects.blob_path(object_id)
        original = path.read_bytes()
        damaged = mutate_blob(original, mutation)
        path.write_bytes(damaged)
        assert_get_refuses_or_returns(project, object_id, payload, unchanged=damaged == original)

    fuzz()


def test_damaged_blobs_are_refused_even_with_a_matching_checksum(project):
    """Same, but the index's checksum is updated too, so the age header check and decryption are fuzzed."""
    import hashlib

    @settings(max_examples=60, deadline=None)
    @given(payload=st.binary(max_size=300), mutation=blob_mutations)
    def fuzz(payload, mutation):
        object_id = project.objects.put("notes", payload)
        path = project.objects.blob_path(object_id)
        original = path.read_bytes()
        damaged = mutate_blob(original, mutation)
        path.write_bytes(damaged)
        with project.transaction():
            project.conn.execute("UPDATE objects SET blob_sha256 = ? WHERE id = ?",
                                 (hashlib.sha256(damaged).hexdigest(), object_id))
        assert_get_refuses_or_returns(project, object_id, payload, unchanged=damaged == original)

    fuzz()


@FAST
@given(data=st.one_of(
    st.binary(max_size=300),
    st.builds(lambda lines: b"\n".join(lines), st.lists(st.sampled_from(
        [b"age-encryption.org/v1", b"-> X25519 AAAA", b"-> a  b", b"-> ", b"A" * 64, b"A" * 43, b"", b"AAA",
         b"--- AAAA", b"---", b"\xff"]), max_size=8)),
))
def test_age_header_checker_only_raises_its_own_error(data):
    try:
        check_header(data)
    except AgeFormatError:
        return
    assert data.startswith(b"age-encryption.org/v1\n-> ")


def test_regression_blob_replaced_by_a_folder(project):
    object_id = project.objects.put("notes", b"field notes")
    path = project.objects.blob_path(object_id)
    path.unlink()
    path.mkdir()
    with pytest.raises(CorruptObject):
        project.objects.get(object_id)


# --------------------------------------------------------------------------------------------------------
# (4) the audit-log verifier
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
def exported_log(project, tmp_path):
    """A small real chain (project created, respondent added, consent recorded, a note stored), exported."""
    code = add_respondent(project, "DE")
    record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    project.objects.put("notes", b"field notes", respondent=code)
    path = tmp_path / "audit.jsonl"
    project.audit.export(path)
    exported = read_export_with_key(path)
    checkpoint = verify_export(exported, project.audit.public_key()).checkpoint
    return project, path.read_bytes(), exported, checkpoint


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_infinity=False)
    | st.text(max_size=20) | st.sampled_from(["0" * 64, "a" * 128, "1", "object_stored", "notes"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
ENTRY_KEYS = ["seq", "ts", "event", "data", "prev", "hash", "sig", "fieldkit_audit_export", "public_key", "entries",
              "head"]


@st.composite
def log_mutations(draw, original: bytes) -> bytes:
    lines = original.decode().split("\n")[:-1]
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["flip", "delete", "duplicate", "swap", "replace", "field", "add_key", "del_key",
                                   "blank", "truncate", "random_json"]))
        if op == "flip":
            raw = bytearray(lines[index].encode("utf-8", errors="surrogateescape"))
            if raw:
                raw[draw(st.integers(0, len(raw) - 1))] ^= 1 << draw(st.integers(0, 7))
            lines[index] = raw.decode("utf-8", errors="surrogateescape")
        elif op == "delete":
            del lines[index]
        elif op == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[index])
        elif op == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif op == "replace":
            lines[index] = draw(st.text(max_size=60).filter(lambda t: not any(c in t for c in "\n\r")))
        elif op == "random_json":
            lines[index] = json.dumps(draw(json_values))
        elif op == "blank":
            lines.insert(index, draw(st.sampled_from(["", " ", "\t"])))
        elif op == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        else:
            try:
                entry = json.loads(lines[index])
            except ValueError:
                continue
            if not isinstance(entry, dict):
                continue
            if op == "field":
                entry[draw(st.sampled_from(sorted(entry) or ENTRY_KEYS))] = draw(json_values)
            elif op == "add_key":
                target = entry["data"] if isinstance(entry.get("data"), dict) and draw(st.booleans()) else entry
                target[draw(st.sampled_from(ENTRY_KEYS) | st.text(max_size=8))] = draw(json_values)
            elif entry:
                del entry[draw(st.sampled_from(sorted(entry)))]
            lines[index] = json.dumps(entry, sort_keys=draw(st.booleans()))
    return "\n".join(lines).encode("utf-8", errors="surrogateescape") + b"\n"


def same_content(a: Export, b: Export, *, pinned: bool) -> bool:
    """What the verifier vouches for: the entries (as parsed) and, unless a key was pinned, the key that signed
    them (with a pinned key the export's own copy may be missing)."""
    return a.entries == b.entries and a.public_key in ((None, b.public_key) if pinned else (b.public_key,))


def test_mutated_exports_are_refused_or_unchanged(exported_log, tmp_path):
    project, original, exported, checkpoint = exported_log
    pinned = project.audit.public_key()
    log_before = project.audit.entries()
    path = tmp_path / "mutated.jsonl"

    @settings(max_examples=120, deadline=None)
    @given(data=st.data())
    def fuzz(data):
        mutated = data.draw(log_mutations(original))
        path.write_bytes(mutated)
        for key, anchor in ((pinned, None), (pinned, checkpoint), (None, None)):
            try:
                result = verify_export(read_export_with_key(path), key, anchor)
            except FieldkitError as exc:
                assert isinstance(exc, AuditError | UsageError), type(exc)
                assert path.read_bytes() == mutated, "verification changed the file"
            else:
                assert same_content(read_export_with_key(path), exported, pinned=bool(key)), "a changed log verified"
                assert result.checkpoint == checkpoint
        assert project.audit.entries() == log_before

    fuzz()


@FAST
@given(text=st.one_of(st.text(max_size=40), st.from_regex(r"\A\d{1,4}:[0-9a-fA-F]{10,24}\Z"),
                      st.builds(lambda n, h: f"{n}:{h}", st.integers(-5, 10**30), st.text("0123456789abcdef"))))
def test_parse_checkpoint_accepts_or_refuses(text):
    try:
        parsed = parse_checkpoint(text)
        seq, prefix = parsed.entries, parsed.prefix
    except UsageError:
        return
    assert seq >= 0 and len(prefix) >= 16 and set(prefix) <= set("0123456789abcdef")


@pytest.fixture
def forked_log(project_template, tmp_path, clock):
    """The same project (another copy of the template, same keys) after different steps: its log shares
    entry 1 with exported_log's, then forks, as a log rebuilt from a backup would."""
    template, project_keys = project_template
    shutil.copytree(template, tmp_path / "fork")
    with Project._unlock(tmp_path / "fork", project_keys, clock) as fork:
        code = add_respondent(fork, "L")
        record_consent(fork, code, language="ru", answers=dict.fromkeys(CONSENT_ITEMS, True))
        fork.objects.put("notes", b"other field notes", respondent=code)
        return fork.audit.entries()


def checkpoint_of(entry, length: int = 20) -> str:
    return f"{entry.seq}:{entry.hash[:length]}"


@FAST
@given(data=st.data())
def test_verify_with_any_checkpoint(exported_log, forked_log, data):
    """Any text as a checkpoint: malformed is a UsageError; a well-formed one verifies exactly when the log
    reaches its entry and that entry's hash starts with the witnessed prefix (0 witnesses the empty log, which
    every log extends). A checkpoint of a forked log, of a longer log or with a wrong prefix is refused."""
    _, _, exported, _ = exported_log
    entries = exported.entries
    checkpoint = data.draw(
        st.text(max_size=40)
        | st.from_regex(r"\A[0-9]{1,2}:[0-9a-f]{16,20}\Z")
        | st.builds(checkpoint_of, st.sampled_from(entries), st.integers(16, 64))  # witnessed from this log
        | st.builds(checkpoint_of, st.sampled_from(forked_log), st.integers(16, 64))  # from the fork
        | st.builds(lambda n, e: f"{n}:{e.hash[:20]}", st.integers(len(entries) + 1, 10**6), st.sampled_from(entries))
    )
    try:
        anchor = parse_checkpoint(checkpoint) if checkpoint else None
    except UsageError:
        with pytest.raises(UsageError):
            verify(entries, checkpoint, exported.public_key)
        return
    hashes = {entry.seq: entry.hash for entry in entries}
    extends = anchor is None or hashes.get(anchor.entries, "").startswith(anchor.prefix)
    if extends:
        result = verify(entries, checkpoint or None, exported.public_key)
        assert (result.entries, result.head) == (len(entries), entries[-1].hash)
    else:
        with pytest.raises(AuditError, match="witnessed checkpoint"):
            verify(entries, checkpoint, exported.public_key)


def test_a_checkpoint_from_a_forked_log_is_refused(exported_log, forked_log):
    _, _, exported, _ = exported_log
    entries, key = exported.entries, exported.public_key
    assert entries[0] == forked_log[0] and entries[1].hash != forked_log[1].hash
    assert verify(forked_log, checkpoint_of(forked_log[-1]), key).entries == len(forked_log)  # a valid log itself
    assert verify(entries, checkpoint_of(entries[0]), key).entries == len(entries)  # the shared first entry
    for entry in forked_log[1:]:
        with pytest.raises(AuditError, match="witnessed checkpoint"):
            verify(entries, checkpoint_of(entry), key)


def rewrite_line(original: bytes, number: int, change) -> bytes:
    lines = original.decode().splitlines()
    entry = json.loads(lines[number])
    change(entry)
    lines[number] = json.dumps(entry)
    return ("\n".join(lines) + "\n").encode()


def test_regression_checkpoint_with_a_superscript_digit():
    with pytest.raises(UsageError):
        parse_checkpoint("²:0123456789abcdef")


def test_regression_export_with_infinite_seq(exported_log, tmp_path):
    _, original, _, _ = exported_log
    path = tmp_path / "inf.jsonl"
    path.write_bytes(original.replace(b'"seq": 1,', b'"seq": Infinity,', 1))
    with pytest.raises(AuditError):
        read_export_with_key(path)


def test_regression_export_with_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(AuditError):
        read_export_with_key(path)


@pytest.mark.parametrize("public_key", [5, [], {"a": 1}, True])
def test_regression_header_key_that_is_not_a_string(exported_log, tmp_path, public_key):
    _, original, _, _ = exported_log
    path = tmp_path / "key.jsonl"
    path.write_bytes(rewrite_line(original, 0, lambda header: header.update(public_key=public_key)))
    with pytest.raises(AuditError):
        verify_export(read_export_with_key(path))  # no --public-key: the export's own key is used


@pytest.mark.parametrize("change", [
    lambda entry: entry.update(note="told me about Ivanov"),
    lambda entry: entry.update(seq=True),
    lambda entry: entry.update(seq="1"),
    lambda entry: entry.update(seq=1.9),
], ids=["extra-key", "seq-true", "seq-string", "seq-float"])
def test_regression_altered_entry_line_still_verifies(exported_log, tmp_path, change):
    project, original, _, _ = exported_log
    path = tmp_path / "altered.jsonl"
    path.write_bytes(rewrite_line(original, 1, change))
    assert path.read_bytes() != original
    with pytest.raises(AuditError):
        verify_export(read_export_with_key(path), project.audit.public_key())
