"""Process hardening applied at start-up: no model hub, no suffix-list download, no core dumps."""

from __future__ import annotations

import os

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}


def enforce() -> None:
    for name, value in _OFFLINE_ENV.items():
        os.environ[name] = value


def pin_public_suffix_snapshot() -> None:
    """Presidio validates emails and URLs with tldextract, whose default extractor fetches the public
    suffix list from the internet. Replace it with one that only reads the snapshot shipped in the package."""
    import tldextract
    import tldextract.tldextract as module

    module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def forbid_core_dumps() -> None:
    """A crash in a native library must not leave a core file holding decrypted audio or keys."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
