"""The codebook: codes with a name, description, colour and parent (pattern codes group first-cycle codes)."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass

from fieldkit.clock import format_instant
from fieldkit.errors import NotFound, StateError, UsageError
from fieldkit.vault.project import Project

# Distinct, readable on light and dark backgrounds; new codes take the next one.
PALETTE = ("#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#F032E6", "#BFEF45",
           "#469990", "#9A6324", "#800000", "#000075")
_COLOUR = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")  # and what XML 1.0 cannot hold
MAX_NAME = 200
_IMPORT_HINT = "fix the codebook file; nothing was imported"
_UNSET = object()


@dataclass(frozen=True)
class Code:
    id: str  # a GUID, kept through QDPX and .qdc round trips
    name: str
    description: str
    colour: str
    parent: str | None
    memo: str
    created: str
    codable: bool = True  # False: a category that groups codes and is never applied itself


_COLUMNS = "id, name, description, colour, parent, memo, created, codable"


def _code(row) -> Code:
    return Code(*row[:7], bool(row[7]))


def normalise_colour(colour: str) -> str:
    """#RGB or #RRGGBB, returned as upper-case #RRGGBB (what every QDA program reads)."""
    colour = colour.strip()
    if not _COLOUR.match(colour):
        raise UsageError(f"not a colour: {colour!r}", "use #RRGGBB, e.g. #4363D8")
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour.upper()


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UsageError("a code needs a name")
    if len(name) > MAX_NAME or _CONTROL.search(name):
        raise UsageError(f"code names are one line of at most {MAX_NAME} characters")
    return name


def check_text(text: str, what: str) -> str:
    """Descriptions and memos: any length, lines and tabs, but no control characters (XML cannot hold them).
    Line ends become LF: a lone CR would end a row in a CSV file and let what follows it read as a formula."""
    if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]", text):
        raise UsageError(f"the {what} holds control characters", "remove them; lines and tabs are fine")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def check_guid(value: str) -> str:
    try:
        return str(uuid.UUID(value.strip("{}")))
    except ValueError as exc:
        raise UsageError(f"not a GUID: {value!r}", "a GUID looks like 0f8fad5b-d9cb-469f-a165-70867728950e") from exc


def list_codes(project: Project) -> list[Code]:
    """Every code, parents before their children, siblings by name (without recursion: a tree may be deep)."""
    rows = [_code(row) for row in project.conn.execute(f"SELECT {_COLUMNS} FROM codes")]
    children: dict[str | None, list[Code]] = {}
    for code in rows:
        children.setdefault(code.parent, []).append(code)
    ordered: list[Code] = []
    stack = sorted(children.get(None, []), key=lambda c: c.name.casefold(), reverse=True)
    while stack:
        code = stack.pop()
        ordered.append(code)
        stack.extend(sorted(children.get(code.id, []), key=lambda c: c.name.casefold(), reverse=True))
    return ordered


def find_code(project: Project, ref: str) -> Code:
    """A code by name (any case, any script: compared case-folded) or by GUID."""
    wanted, guid = ref.strip().casefold(), ref.strip("{} ").lower()
    for row in project.conn.execute(f"SELECT {_COLUMNS} FROM codes"):
        code = _code(row)
        if code.id == guid or code.name.casefold() == wanted:
            return code
    raise NotFound(f"no code named {ref!r}", "list codes with `fieldkit code list`")


#: What joins names in a codebook file's path column: "Pressure.quotas" (Taguette's sub-tag form).
PATH_SEPARATOR = "."


def ancestry(code: Code, by_id: dict[str, Code]) -> list[str]:
    """The names from the top of the tree down to the code."""
    names = [code.name]
    seen = {code.id}
    while code.parent and code.parent in by_id and code.parent not in seen:
        code = by_id[code.parent]
        seen.add(code.id)
        names.append(code.name)
    return names[::-1]


def code_path(code: Code, by_id: dict[str, Code]) -> str:
    """"Pattern / first-cycle code": where a code sits in the tree."""
    return " / ".join(ancestry(code, by_id))


def dotted_path(code: Code, by_id: dict[str, Code]) -> str:
    """The code's path in a codebook file: "Pattern.first-cycle code"."""
    return PATH_SEPARATOR.join(ancestry(code, by_id))


def descendants(project: Project, code_id: str) -> set[str]:
    """The code and every code under it (so a pattern code's excerpts include its children's)."""
    found = {code_id}
    frontier = [code_id]
    while frontier:
        rows = project.conn.execute(
            f"SELECT id FROM codes WHERE parent IN ({','.join('?' * len(frontier))})", frontier
        ).fetchall()
        frontier = [r for (r,) in rows if r not in found]
        found.update(frontier)
    return found


def _next_colour(project: Project) -> str:
    (count,) = project.conn.execute("SELECT count(*) FROM codes").fetchone()
    return PALETTE[count % len(PALETTE)]


def _check_parent(project: Project, code_id: str | None, parent: str | None) -> str | None:
    if parent is None:
        return None
    parent_code = find_code(project, parent)
    if code_id is not None and parent_code.id in descendants(project, code_id):
        raise UsageError(f"{parent_code.name!r} is under this code; a code cannot be its own ancestor",
                         "choose a parent outside this code's branch (`fieldkit code list`)")
    return parent_code.id


def _check_unique(project: Project, name: str, code_id: str | None) -> None:
    clash = [i for i, other in project.conn.execute("SELECT id, name FROM codes")
             if other.casefold() == name.casefold() and i != code_id]
    if clash:
        raise UsageError(f"a code named {name!r} already exists", "code names are unique (case does not count)")


def add_code(project: Project, name: str, *, description: str = "", colour: str | None = None,
             parent: str | None = None, memo: str = "", code_id: str | None = None, codable: bool = True) -> Code:
    name = check_name(name)
    _check_unique(project, name, None)
    code_id = check_guid(code_id) if code_id else str(uuid.uuid4())
    if project.conn.execute("SELECT 1 FROM codes WHERE id = ?", (code_id,)).fetchone():
        raise UsageError(f"a code with GUID {code_id} already exists", "leave out the GUID to get a new one")
    parent_id = _check_parent(project, None, parent)
    colour = normalise_colour(colour) if colour else _next_colour(project)
    with project.transaction():
        project.conn.execute(
            f"INSERT INTO codes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (code_id, name, check_text(description, "description"), colour, parent_id, check_text(memo, "memo"),
             format_instant(project.clock.now()), int(codable)),
        )
    return find_code(project, code_id)


def edit_code(project: Project, ref: str, *, name: str | None = None, description: str | None = None,
              colour: str | None = None, parent=_UNSET, memo: str | None = None, codable: bool | None = None) -> Code:
    """Change a code; ``parent=None`` makes it a top-level code, a name moves it under that code;
    ``codable=False`` makes it a category (refused while it has codings)."""
    code = find_code(project, ref)
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = check_name(name)
        _check_unique(project, changes["name"], code.id)
    if description is not None:
        changes["description"] = check_text(description, "description")
    if colour is not None:
        changes["colour"] = normalise_colour(colour)
    if parent is not _UNSET:
        changes["parent"] = _check_parent(project, code.id, parent)
    if memo is not None:
        changes["memo"] = check_text(memo, "memo")
    if codable is not None:
        if not codable:
            _check_no_codings(project, code)
        changes["codable"] = int(codable)
    if changes:
        with project.transaction():
            project.conn.execute(
                f"UPDATE codes SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?", (*changes.values(), code.id)
            )
    return find_code(project, code.id)


def _codings_of(project: Project, code: Code) -> int:
    (used,) = project.conn.execute("SELECT count(*) FROM codings WHERE code = ?", (code.id,)).fetchone()
    return used


def _check_no_codings(project: Project, code: Code) -> None:
    used = _codings_of(project, code)
    if used:
        raise UsageError(f"{code.name!r} has {used} coding(s); a category cannot hold codings",
                         "move them to a code under it (`fieldkit code apply`, then `fieldkit code unapply`)")


def remove_code(project: Project, ref: str, *, force: bool = False) -> int:
    """Delete a code. With codings or child codes it needs ``force``: its codings go, its children move up
    to its parent. Returns how many codings were removed."""
    code = find_code(project, ref)
    (used,) = project.conn.execute("SELECT count(*) FROM codings WHERE code = ?", (code.id,)).fetchone()
    (children,) = project.conn.execute("SELECT count(*) FROM codes WHERE parent = ?", (code.id,)).fetchone()
    if (used or children) and not force:
        raise StateError(
            f"code {code.name!r} has {used} coding(s) and {children} child code(s)",
            "pass --force to remove its codings and move its children up a level",
        )
    with project.transaction():
        project.conn.execute("DELETE FROM codings WHERE code = ?", (code.id,))
        project.conn.execute("UPDATE codes SET parent = ? WHERE parent = ?", (code.parent, code.id))
        project.conn.execute("DELETE FROM codes WHERE id = ?", (code.id,))
    return used


@dataclass(frozen=True)
class CodeSpec:
    """A code as read from a shared codebook file. ``None`` means the file does not say, and the project's
    value stays: an import adds and changes, never erases. ``parent`` is a GUID, a path or a name from the same
    file, or a project code's name or path."""

    name: str
    guid: str | None = None
    description: str | None = None
    colour: str | None = None
    parent: str | None = None
    codable: bool | None = None
    where: str = ""  # file:row or file: code, for error messages
    path: str | None = None  # the code's own path in a CSV file, by which a child there may name it


@dataclass(frozen=True)
class CodeChange:
    """One field of an existing code that an import would change."""

    code: str  # the code's name after the import
    field: str  # name, description, colour, parent or codable
    before: str
    after: str


@dataclass(frozen=True)
class ImportPlan:
    """What importing a codebook would do, worked out in full before anything is written."""

    codes: int  # codes in the file
    added: tuple[str, ...]  # names of new codes
    changes: tuple[CodeChange, ...]
    unchanged: int
    inserts: tuple[tuple, ...] = ()  # rows for new codes, parents set afterwards
    updates: tuple[tuple[str, dict], ...] = ()  # (code id, {column: value}) for changed and new codes
    renamed: tuple[tuple[str, str], ...] = ()  # (name in the file, name given): a name used twice in the file

    @property
    def updated(self) -> int:
        return len({change.code for change in self.changes})


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


MAX_DEPTH = 64  # a tree deeper than this is refused: no codebook needs it, and a hostile one could go on for ever
_AMBIGUOUS = -1


def guid_or_none(value: str) -> str | None:
    """The GUID in its stored form, or None when the value is not one."""
    try:
        return check_guid(value)
    except UsageError:
        return None


def _shown(value: object, names: dict[str, str]) -> str:
    if value is None:
        return "top level"
    if isinstance(value, bool):
        return "codable" if value else "category (not codable)"
    text = names.get(value, value) if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return repr(text[:60] + ("…" if len(text) > 60 else ""))


class _Parents:
    """Where each parent reference in a file points: another code in the file (its index) or a project code
    (its id). A GUID is looked up first, then a path, then a name; a name two codes in the file share points
    nowhere and is refused."""

    def __init__(self, specs: list[CodeSpec], names: list[str], existing: list[Code]) -> None:
        self.file_guid = {g: i for i, spec in enumerate(specs) if (g := guid_or_none(spec.guid or ""))}
        self.file_path: dict[str, int] = {}
        for i, spec in enumerate(specs):  # "a.b" may be a code named "a.b" and "b" under "a": such a path is ambiguous
            if spec.path:
                self.file_path[spec.path] = _AMBIGUOUS if spec.path in self.file_path else i
        self.file_name: dict[str, int] = {}
        for i, name in enumerate(names):
            folded = name.casefold()
            self.file_name[folded] = _AMBIGUOUS if folded in self.file_name else i
        self.by_id = {c.id: c for c in existing}
        self.by_name = {c.name.casefold(): c for c in existing}
        paths = {c.id: dotted_path(c, self.by_id) for c in existing}
        shared = Counter(paths.values())
        self.by_path = {paths[c.id]: c for c in existing if shared[paths[c.id]] == 1}

    def resolve(self, spec: CodeSpec) -> tuple[str, int | str]:
        key = (spec.parent or "").strip()
        guid = guid_or_none(key)
        if guid and guid in self.file_guid:
            return "file", self.file_guid[guid]
        if guid and guid in self.by_id:
            return "project", guid
        found = self.file_path.get(key)
        if found is None:
            found = self.file_name.get(key.casefold())
        if found == _AMBIGUOUS:
            raise UsageError(f"{spec.where}: parent {spec.parent!r} of {spec.name!r} names two codes in the file",
                             "give the parent's GUID or path, or rename one of them; nothing was imported")
        if found is not None:
            return "file", found
        known = self.by_name.get(key.casefold()) or self.by_path.get(key)
        if known is None:
            raise UsageError(f"{spec.where}: parent {spec.parent!r} of {spec.name!r} is not in the file or project",
                             _IMPORT_HINT)
        return "project", known.id


def plan_import(project: Project, specs: list[CodeSpec]) -> ImportPlan:
    """Work out a codebook import without writing: a code is matched by GUID, then by name; a match takes only
    what the file says (a description, colour, parent or codable flag it leaves out stays as it is, and a code
    at the file's top level is not moved); new codes are added; nothing is deleted. Every problem is found
    here, before any write: duplicate names or GUIDs, unknown parents, bad colours or GUIDs, cycles, two codes
    of the file on one code of the project."""
    existing = list_codes(project)
    by_guid = {c.id: c for c in existing}
    by_name = {c.name.casefold(): c for c in existing}  # casefold, not SQL NOCASE: Cyrillic has case too
    names, guids, seen_guids = [], [], {}
    for spec in specs:
        try:
            name = check_name(spec.name)
            guid = check_guid(spec.guid) if spec.guid else None
        except UsageError as exc:
            raise UsageError(f"{spec.where}: {exc.message}", _IMPORT_HINT) from exc
        if guid and guid in seen_guids:
            raise UsageError(f"{spec.where}: GUID {guid} is also the GUID of {seen_guids[guid]}", _IMPORT_HINT)
        if guid:
            seen_guids[guid] = spec.where
        names.append(name)
        guids.append(guid)
    parents = _Parents(specs, names, existing)
    where_to = [parents.resolve(spec) if spec.parent and spec.parent.strip() else None for spec in specs]
    # Other programs allow one name under two parents ("Other" under each theme); fieldkit's names are unique,
    # so each such code takes its parent's name, whatever the order of the file, and the plan says so.
    counts = Counter(name.casefold() for name in names)
    qualified: list[tuple[str, str]] = []
    original = list(names)

    def depth_in_file(i: int) -> int:
        depth, seen = 0, {i}
        while where_to[i] is not None and where_to[i][0] == "file" and where_to[i][1] not in seen:
            i = where_to[i][1]
            seen.add(i)
            depth += 1
        return depth

    for i in sorted(range(len(names)), key=depth_in_file):  # parents first: a child takes its parent's new name
        name = original[i]
        if counts[name.casefold()] > 1 and where_to[i] is not None:
            kind, target = where_to[i]
            parent_name = names[target] if kind == "file" else by_guid[target].name
            names[i] = f"{name} ({parent_name})"
            if len(names[i]) > MAX_NAME:
                raise UsageError(f"{specs[i].where}: {name!r} is used twice in the file, and with its parent's name"
                                 f" it is longer than {MAX_NAME} characters", "rename one in the file; nothing was"
                                 " imported")
            qualified.append((name, names[i]))
    seen_names: dict[str, str] = {}
    claimed: dict[str, str] = {}  # project code id → where in the file it was matched
    targets: list[tuple[CodeSpec, str, str, Code | None]] = []
    for spec, name, guid in zip(specs, names, guids, strict=True):
        folded = name.casefold()
        if folded in seen_names:
            raise UsageError(f"{spec.where}: the name {name!r} is already used by {seen_names[folded]}",
                             "code names are unique in fieldkit: rename one in the file; nothing was imported")
        seen_names[folded] = spec.where
        match = (by_guid.get(guid) if guid else None) or by_name.get(folded)
        if match is not None and match.id in claimed:
            raise UsageError(f"{spec.where}: matches the project's code {match.name!r}, as {claimed[match.id]} does",
                             "a GUID and a name in the file point at the same code: fix one; nothing was imported")
        if match is not None:
            claimed[match.id] = spec.where
        code_id = match.id if match else (guid if guid and guid not in by_guid else str(uuid.uuid4()))
        targets.append((spec, name, code_id, match))
    final: dict[str, dict] = {c.id: {"name": c.name, "parent": c.parent} for c in existing}
    wanted: list[tuple[str, str, Code | None, dict]] = []
    for (spec, name, code_id, match), parent in zip(targets, where_to, strict=True):
        fields: dict[str, object] = {"name": name}
        if spec.description is not None:
            fields["description"] = check_text(spec.description, f"description at {spec.where}")
        if spec.colour is not None:
            try:
                fields["colour"] = normalise_colour(spec.colour)
            except UsageError as exc:
                raise UsageError(f"{spec.where}: {exc.message}", _IMPORT_HINT) from exc
        if parent is not None:
            kind, target = parent
            fields["parent"] = targets[target][2] if kind == "file" else target
        if spec.codable is not None:
            fields["codable"] = spec.codable
            used = _codings_of(project, match) if match is not None and not spec.codable else 0
            if used:
                raise UsageError(f"{spec.where}: the file makes {name!r} a category, but it holds {used} coding(s)"
                                 " in this project", "a category cannot hold codings; " + _IMPORT_HINT)
        final[code_id] = {"name": name, "parent": fields.get("parent", match.parent if match else None)}
        wanted.append((name, code_id, match, fields))
    counts = Counter(v["name"].casefold() for v in final.values())
    clash = next((n for n, count in counts.items() if count > 1), None)
    if clash:
        raise UsageError(f"importing would give two codes the name {clash!r}", "rename one in the file or project")
    for code_id in final:
        seen, node = set(), code_id
        while node is not None:
            if node in seen:
                raise UsageError(f"the codebook makes {final[code_id]['name']!r} its own ancestor", _IMPORT_HINT)
            if len(seen) >= MAX_DEPTH:
                raise UsageError(f"importing would put {final[code_id]['name']!r} more than {MAX_DEPTH} codes deep",
                                 _IMPORT_HINT)
            seen.add(node)
            node = final[node]["parent"]
    shown_names = {code_id: v["name"] for code_id, v in final.items()}
    added, changes, inserts, updates, unchanged = [], [], [], [], 0
    now = format_instant(project.clock.now())
    for name, code_id, match, fields in wanted:
        if match is None:
            added.append(name)
            colour = fields.get("colour") or PALETTE[(len(existing) + len(added) - 1) % len(PALETTE)]
            inserts.append((code_id, name, fields.get("description", ""), colour, None, "", now,
                            int(fields.get("codable", True))))
            if fields.get("parent"):
                updates.append((code_id, {"parent": fields["parent"]}))
            continue
        changed = {k: v for k, v in fields.items() if getattr(match, k) != v}
        if not changed:
            unchanged += 1
            continue
        for key, value in changed.items():
            changes.append(CodeChange(name, key, _shown(getattr(match, key), shown_names), _shown(value, shown_names)))
        updates.append((code_id, {k: int(v) if isinstance(v, bool) else v for k, v in changed.items()}))
    return ImportPlan(len(specs), tuple(added), tuple(changes), unchanged, tuple(inserts), tuple(updates),
                      tuple(qualified))


def apply_import(project: Project, plan: ImportPlan, **logged: object) -> ImportResult:
    """Write a planned import in one transaction and log it (``logged``: the file's format, hash). Codes that
    are renamed give up their old names first, so names may swap and a new code may take a freed name."""
    renamed = [code_id for code_id, changed in plan.updates if "name" in changed]
    with project.transaction():
        for code_id in renamed:  # a name no code can have (control characters are refused in names)
            project.conn.execute("UPDATE codes SET name = ? WHERE id = ?", (f"\x01renaming {code_id}", code_id))
        for row in plan.inserts:
            project.conn.execute(f"INSERT INTO codes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        for code_id, changed in plan.updates:
            project.conn.execute(f"UPDATE codes SET {', '.join(f'{k} = ?' for k in changed)} WHERE id = ?",
                                 (*changed.values(), code_id))
        # rows: the codes added or changed (the allowed fields of docs/audit-format.md hold no more detail)
        project.audit.append("codebook_imported", rows=len(plan.added) + plan.updated, **logged)
    return ImportResult(len(plan.added), plan.updated, plan.unchanged)


def import_codes(project: Project, specs: list[CodeSpec], **logged: object) -> ImportResult:
    """Plan and apply in one go (no confirmation): for callers that have shown the plan already, and tests."""
    return apply_import(project, plan_import(project, specs), **logged)
