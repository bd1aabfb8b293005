"""Passphrase change with a new database key: the old passphrase, and every old copy of the key slot, then
open nothing.

The new key, wrapped to the new passphrase, goes into the free key slot; the change is logged; the database is
re-keyed (one SQLite transaction); the old slot is overwritten in place (vault.rotation.replace_key). The next
opening resolves a change cut short at any step, whichever passphrase is typed (vault.project).
"""

from __future__ import annotations

from fieldkit.errors import ProjectError
from fieldkit.vault import duress, keys
from fieldkit.vault.project import LEGACY_FORMAT2_KEY_FILE, LEGACY_KEY_FILE, Project
from fieldkit.vault.rotation import replace_key


def change_passphrase(project: Project, new_passphrase: str, *, work_factor: int | None = None) -> None:
    """Re-key the project under ``new_passphrase``; the project stays open (under the new key).
    ``work_factor`` is for tests; by default the factor is calibrated on this machine."""
    keys.check_new_passphrase(new_passphrase, user_inputs=(project.root.name,))
    wrapper = keys.new_wrapper(new_passphrase, work_factor or keys.calibrate_work_factor())
    replace_key(project, keys.ProjectKeys.generate(), wrapper, event="passphrase_changed",
                failed_event="passphrase_change_rolled_back",
                error=ProjectError("the database could not be re-keyed; the passphrase was not changed",
                                   "the old passphrase still opens the project; try again"))
    duress.wipe_key_file(project.root / LEGACY_KEY_FILE)
    duress.wipe_key_file(project.root / LEGACY_FORMAT2_KEY_FILE)
