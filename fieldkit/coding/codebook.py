"""The codebook: codes with a name, description, colour and parent (pattern codes group first-cycle codes)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from fieldkit.clock import format_instant
from fieldkit.errors import NotFound, StateError, UsageError
from fieldkit.vault.project import Project

# Distinct, readable on light and dark backgrounds; new codes take the next one.
PALETTE = ("#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#F032E6", "#BFEF45",
           "#469990", "#9A6324", "#800000", "#000075")
_COLOUR = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
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


_COLUMNS = "id, name, description, colour, parent, memo, created"


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
    """Descriptions and memos: any length, lines and tabs, but no control characters (XML cannot hold them)."""
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise UsageError(f"the {what} holds control characters", "remove them; lines and tabs are fine")
    return text.strip()


def check_guid(value: str) -> str:
    try:
        return str(uuid.UUID(value.strip("{}")))
    except ValueError as exc:
        raise UsageError(f"not a GUID: {value!r}", "a GUID looks like 0f8fad5b-d9cb-469f-a165-70867728950e") from exc


def list_codes(project: Project) -> list[Code]:
    """Every code, parents before their children, siblings by name."""
    rows = [Code(*row) for row in project.conn.execute(f"SELECT {_COLUMNS} FROM codes")]
    children: dict[str | None, list[Code]] = {}
    for code in rows:
        children.setdefault(code.parent, []).append(code)
    ordered: list[Code] = []

    def walk(parent: str | None) -> None:
        for code in sorted(children.get(parent, []), key=lambda c: c.name.casefold()):
            ordered.append(code)
            walk(code.id)

    walk(None)
    return ordered


def find_code(project: Project, ref: str) -> Code:
    """A code by name (any case, any script: compared case-folded) or by GUID."""
    wanted, guid = ref.strip().casefold(), ref.strip("{} ").lower()
    for row in project.conn.execute(f"SELECT {_COLUMNS} FROM codes"):
        code = Code(*row)
        if code.id == guid or code.name.casefold() == wanted:
            return code
    raise NotFound(f"no code named {ref!r}", "list codes with `fieldkit code list`")


def code_path(code: Code, by_id: dict[str, Code]) -> str:
    """"Pattern / first-cycle code": where a code sits in the tree."""
    names = [code.name]
    seen = {code.id}
    while code.parent and code.parent in by_id and code.parent not in seen:
        code = by_id[code.parent]
        seen.add(code.id)
        names.append(code.name)
    return " / ".join(reversed(names))


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
             parent: str | None = None, memo: str = "", code_id: str | None = None) -> Code:
    name = check_name(name)
    _check_unique(project, name, None)
    code_id = check_guid(code_id) if code_id else str(uuid.uuid4())
    if project.conn.execute("SELECT 1 FROM codes WHERE id = ?", (code_id,)).fetchone():
        raise UsageError(f"a code with GUID {code_id} already exists", "leave out the GUID to get a new one")
    parent_id = _check_parent(project, None, parent)
    colour = normalise_colour(colour) if colour else _next_colour(project)
    with project.transaction():
        project.conn.execute(
            f"INSERT INTO codes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (code_id, name, check_text(description, "description"), colour, parent_id, check_text(memo, "memo"),
             format_instant(project.clock.now())),
        )
    return find_code(project, code_id)


def edit_code(project: Project, ref: str, *, name: str | None = None, description: str | None = None,
              colour: str | None = None, parent=_UNSET, memo: str | None = None) -> Code:
    """Change a code; ``parent=None`` makes it a top-level code, a name moves it under that code."""
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
    if changes:
        with project.transaction():
            project.conn.execute(
                f"UPDATE codes SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?", (*changes.values(), code.id)
            )
    return find_code(project, code.id)


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
    """A code as read from a shared codebook file; ``parent`` is a GUID or a name from the same file."""

    name: str
    guid: str | None = None
    description: str = ""
    colour: str | None = None
    parent: str | None = None
    where: str = ""  # file:row, for error messages


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


def import_codes(project: Project, specs: list[CodeSpec]) -> ImportResult:
    """Merge a shared codebook: a code is matched by GUID, then by name; matches take the file's description,
    colour and parent; new codes are added; nothing is deleted. All or nothing, checked before any write."""
    existing = list_codes(project)
    by_guid = {c.id: c for c in existing}
    by_name = {c.name.casefold(): c for c in existing}  # casefold, not SQL NOCASE: Cyrillic has case too
    seen_names: dict[str, str] = {}
    targets: list[tuple[CodeSpec, str, Code | None]] = []
    for spec in specs:
        name = check_name(spec.name)
        folded = name.casefold()
        if folded in seen_names:
            raise UsageError(f"{spec.where}: code {name!r} appears twice (first at {seen_names[folded]})",
                             _IMPORT_HINT)
        seen_names[folded] = spec.where
        guid = check_guid(spec.guid) if spec.guid else None
        match = by_guid.get(guid) if guid else None
        match = match or by_name.get(folded)
        code_id = match.id if match else (guid if guid and guid not in by_guid else str(uuid.uuid4()))
        targets.append((spec, code_id, match))
    file_ids = {spec.name.strip().casefold(): code_id for spec, code_id, _ in targets}
    file_ids.update({check_guid(spec.guid): code_id for spec, code_id, _ in targets if spec.guid})
    final: dict[str, dict] = {c.id: {"name": c.name, "parent": c.parent} for c in existing}
    rows = []
    for spec, code_id, match in targets:
        parent = None
        if spec.parent:
            key = spec.parent.strip()
            try:
                key = check_guid(key)
            except UsageError:
                key = key.casefold()
            known = by_guid.get(key) or by_name.get(key)
            parent = file_ids.get(key) or (known.id if known else None)
            if parent is None:
                raise UsageError(f"{spec.where}: parent {spec.parent!r} of {spec.name!r} is not in the file or project",
                                 _IMPORT_HINT)
        colour = normalise_colour(spec.colour) if spec.colour else (match.colour if match else None)
        rows.append((code_id, check_name(spec.name), check_text(spec.description, f"description at {spec.where}"),
                     colour, parent, match))
        final[code_id] = {"name": check_name(spec.name), "parent": parent}
    names = [v["name"].casefold() for v in final.values()]
    clash = next((n for n in names if names.count(n) > 1), None)
    if clash:
        raise UsageError(f"importing would give two codes the name {clash!r}", "rename one in the file or project")
    for code_id in final:
        seen, node = set(), code_id
        while node is not None:
            if node in seen:
                raise UsageError(f"the codebook makes {final[code_id]['name']!r} its own ancestor", _IMPORT_HINT)
            seen.add(node)
            node = final[node]["parent"]
    added = updated = unchanged = 0
    now = format_instant(project.clock.now())
    with project.transaction():
        for index, (code_id, name, description, colour, _parent, match) in enumerate(rows):
            if match is None:
                project.conn.execute(
                    f"INSERT INTO codes ({_COLUMNS}) VALUES (?, ?, ?, ?, NULL, '', ?)",
                    (code_id, name, description, colour or PALETTE[(len(existing) + index) % len(PALETTE)], now),
                )
        for code_id, name, description, colour, parent, match in rows:
            if match is None:
                added += 1
            elif (match.name, match.description, match.colour, match.parent) == (name, description, colour, parent):
                unchanged += 1
                continue
            else:
                updated += 1
            project.conn.execute(
                "UPDATE codes SET name = ?, description = ?, colour = COALESCE(?, colour), parent = ? WHERE id = ?",
                (name, description, colour, parent, code_id),
            )
        project.audit.append("codebook_imported", rows=added + updated)
    return ImportResult(added, updated, unchanged)
