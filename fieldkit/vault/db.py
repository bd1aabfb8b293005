"""The SQLCipher 4 index: schema, hardening pragmas and transactions.

Rollback journal (not WAL) with secure_delete, so a deleted key row leaves no old page in the database or in
a WAL file. The journal is kept (``journal_mode = PERSIST``: each transaction overwrites the same file, its
header zeroed at commit) rather than deleted, because a deleted journal leaves the pages it saved in free
space where no one can overwrite them; every destruction is followed by a change of the database key and then
by zeroing this one file in place (vault.rotation), so no page under an old key stays on an ext4 disk.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from fieldkit.errors import ProjectError, StateError, StorageError, VaultDamaged

SCHEMA_VERSION = 14

#: Statements that bring a database from version N-1 to N.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: ("ALTER TABLE interviews ADD COLUMN review_object TEXT",),
    3: (
        "ALTER TABLE respondents ADD COLUMN withdrawn TEXT",
        "ALTER TABLE respondents ADD COLUMN withdrawal_scope TEXT",
        """CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            respondent TEXT NOT NULL REFERENCES respondents(code),
            script TEXT NOT NULL,
            version INTEGER NOT NULL,
            language TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            mode TEXT NOT NULL,
            answers TEXT NOT NULL,
            recorded TEXT NOT NULL,
            evidence_object TEXT
        )""",
    ),
    4: (
        """CREATE TABLE exports (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            created TEXT NOT NULL,
            destroyed TEXT
        )""",
    ),
    5: ("ALTER TABLE audit ADD COLUMN sig TEXT",),
    6: (
        "ALTER TABLE interviews ADD COLUMN interview_date TEXT",
        "ALTER TABLE interviews ADD COLUMN place_category TEXT",
        "ALTER TABLE interviews ADD COLUMN duration_s REAL",
        "ALTER TABLE interviews ADD COLUMN off_record TEXT",
    ),
    # documents may belong to no respondent: rebuild interviews with a nullable respondent
    7: (
        """CREATE TABLE interviews_v7 (
            id TEXT PRIMARY KEY,
            respondent TEXT REFERENCES respondents(code),
            created TEXT NOT NULL,
            source TEXT NOT NULL,
            audio_object TEXT,
            transcript_object TEXT,
            anonymised_object TEXT,
            language TEXT,
            approved TEXT,
            review_object TEXT,
            interview_date TEXT,
            place_category TEXT,
            duration_s REAL,
            off_record TEXT
        )""",
        "INSERT INTO interviews_v7 SELECT id, respondent, created, source, audio_object, transcript_object,"
        " anonymised_object, language, approved, review_object, interview_date, place_category, duration_s,"
        " off_record FROM interviews",
        "DROP TABLE interviews",
        "ALTER TABLE interviews_v7 RENAME TO interviews",
    ),
    8: (
        """CREATE TABLE recordings (
            id TEXT PRIMARY KEY,
            respondent TEXT NOT NULL REFERENCES respondents(code),
            started TEXT NOT NULL,
            state TEXT NOT NULL,
            identity TEXT NOT NULL,
            pid INTEGER,
            host TEXT,
            metadata TEXT,
            off_record TEXT
        )""",
    ),
    9: (
        # The codebook and the codings on anonymised text. A coding keeps offsets and a hash of the coded
        # text, never the text itself: destroying a source's key must leave no copy of its words here.
        """CREATE TABLE codes (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL,
            parent TEXT REFERENCES codes(id),
            memo TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        )""",
        """CREATE TABLE codings (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL REFERENCES codes(id),
            interview TEXT NOT NULL REFERENCES interviews(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text_sha256 TEXT NOT NULL,
            memo TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        )""",
        "CREATE INDEX codings_by_interview ON codings(interview)",
        "CREATE INDEX codings_by_code ON codings(code)",
    ),
    # which interviews each export carried, so the dashboard can show an interview as exported
    10: ("ALTER TABLE exports ADD COLUMN interviews TEXT NOT NULL DEFAULT '[]'",),
    # sealing: the object was re-encrypted to the archive recipients only and its local key erased
    11: ("ALTER TABLE objects ADD COLUMN sealed TEXT", "ALTER TABLE interviews ADD COLUMN sealed TEXT"),
    # discarding a wrong import; the keyed fingerprint (HMAC, secret in meta) of an imported file's bytes
    12: ("ALTER TABLE interviews ADD COLUMN discarded TEXT", "ALTER TABLE interviews ADD COLUMN source_hmac TEXT",
         "CREATE INDEX interviews_by_source_hmac ON interviews(source_hmac)"),
    # recorded intents of multi-step operations, finished or rolled back on the next open (vault.intents)
    13: ("""CREATE TABLE intents (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT,
            data TEXT NOT NULL,
            started TEXT NOT NULL
        )""",),
    # a code that only groups others (a REFI-QDA category, isCodable="false") cannot be applied
    14: ("ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1",),
}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE category_counters (category TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE respondents (
    code TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    created TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active'
);
CREATE TABLE objects (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    respondent TEXT,
    interview TEXT,
    created TEXT NOT NULL,
    plain_size INTEGER NOT NULL,
    blob_size INTEGER NOT NULL,
    blob_sha256 TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    destroyed TEXT
);
CREATE TABLE object_keys (
    object_id TEXT PRIMARY KEY REFERENCES objects(id),
    identity TEXT NOT NULL
);
CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    respondent TEXT NOT NULL REFERENCES respondents(code),
    created TEXT NOT NULL,
    source TEXT NOT NULL,
    audio_object TEXT,
    transcript_object TEXT,
    anonymised_object TEXT,
    language TEXT,
    approved TEXT
);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    event TEXT NOT NULL,
    data TEXT NOT NULL,
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
"""


class Connection(sqlcipher3.Connection):
    """The project's one connection. The TUI runs jobs in worker threads that share it, so every transaction
    holds ``writer`` from BEGIN to COMMIT: one writer at a time, and no thread's statements land inside
    another thread's transaction."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.writer = threading.RLock()


def connect(path: Path, key: bytes, *, create: bool = False) -> Connection:
    """Open the database with a raw 256-bit key and the hardening pragmas (``create``: a new, empty one).

    An existing database is checked page by page first (SQLCipher's HMAC on every page), so damage anywhere is
    one clear VaultDamaged before any command reads or writes, never a DatabaseError halfway through one; the
    check changes nothing on disk. SQLCipher's own log lines are silenced: the error says it all."""
    if not create:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ProjectError(f"cannot open {path.name}: {exc.strerror}", "restore it from a backup") from exc
        if size == 0:
            raise VaultDamaged(f"{path.name} is empty (0 bytes): the database was lost, e.g. by a full disk or a"
                               " bad copy")
        if size % 1024:
            raise VaultDamaged(f"{path.name} is damaged: {size} bytes is not a whole number of pages (truncated"
                               " or altered)")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, factory=Connection)
    except sqlcipher3.Error as exc:
        raise ProjectError(f"cannot open {path.name}: {exc}") from exc
    try:
        _unlock_first_page(conn, key)
        conn.execute("PRAGMA cipher_memory_security = ON")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise VaultDamaged(
            f"{path.name} cannot be opened with this project's key: its first page is damaged, or the file was"
            " replaced",
        ) from exc
    if not create:
        try:
            damaged = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            raise VaultDamaged(f"{path.name} is damaged and cannot be checked") from exc
        if damaged:
            conn.close()
            pages = ", ".join(_page_of(line) for line in damaged[:5]) + (" …" if len(damaged) > 5 else "")
            raise VaultDamaged(f"{path.name} is damaged: {len(damaged)} page(s) fail their integrity check"
                               f" (page {pages}); nothing was changed")
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # sorts and temporary tables never go to a file
        conn.execute("PRAGMA journal_mode = PERSIST")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise VaultDamaged(f"{path.name} is damaged") from exc
    return conn


def _unlock_first_page(conn, key: bytes) -> None:
    """Give SQLCipher the raw key (its own log lines silenced) and read the first page: a wrong key or a
    damaged first page is a DatabaseError here."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def opens_with(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens the database's first page (changes nothing; for telling a re-keyed database)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        _unlock_first_page(conn, key)
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def _page_of(line: str) -> str:
    """The page number in one line of SQLCipher's integrity report ("HMAC verification failed for page 6")."""
    words = [word for word in line.replace(",", " ").split() if word.isdecimal()]
    return words[-1] if words else "?"


def get_meta(conn, key: str) -> str | None:
    """A project-wide setting kept inside the encrypted index (e.g. which object is the pseudonym map)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn, key: str, value: str) -> None:
    """Inside the caller's transaction."""
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, value))


def delete_meta(conn, key: str) -> None:
    """Inside the caller's transaction."""
    conn.execute("DELETE FROM meta WHERE key = ?", (key,))


def create_schema(conn: sqlcipher3.Connection) -> None:
    """Version 1 tables, then every migration: new and migrated projects end up identical."""
    with transaction(conn):
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    migrate(conn)


def migrate(conn: sqlcipher3.Connection) -> int | None:
    """Bring an older database up to SCHEMA_VERSION; returns the version migrated from, if any."""
    (current,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    current = int(current)
    if current > SCHEMA_VERSION:
        raise ProjectError(
            f"this project was written by a newer fieldkit (schema {current})", "upgrade fieldkit to open it"
        )
    if current == SCHEMA_VERSION:
        return None
    with transaction(conn):
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
    return current


@contextmanager
def transaction(conn: sqlcipher3.Connection) -> Iterator[sqlcipher3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (including a full disk); one thread at a time."""
    writer = getattr(conn, "writer", None)
    if writer is None:
        yield from _transaction(conn)
        return
    with writer:
        yield from _transaction(conn)


def _transaction(conn: sqlcipher3.Connection) -> Iterator[sqlcipher3.Connection]:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlcipher3.OperationalError as exc:
        raise StorageError(f"the vault is busy or unwritable: {exc}", "another fieldkit may be running; retry") from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        # SQLite may already have rolled back by itself (disk full, I/O error); a second ROLLBACK
        # would then hide the real error.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlcipher3.IntegrityError):
            raise StateError(
                "the project changed while this command ran", "another fieldkit may be running; retry"
            ) from exc
        if isinstance(exc, sqlcipher3.DatabaseError):
            raise StorageError("the vault could not be written (disk full or I/O error)") from exc
        raise
