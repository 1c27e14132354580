"""Where the public site is written: a public Cloud Storage bucket (ready for a CDN), or a local
directory (`out/public`, served by `make run`)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Protocol

from shared.adapters.report_storage import CONTENT_TYPES
from shared.config import Settings

_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,300}$")
CACHE_CONTROL = "public, max-age=300"
PUBLIC_MODE = 0o644  # public pages: anyone may read them  # a republished period shows within minutes


class PublicSite(Protocol):
    def put(self, path: str, data: bytes) -> None: ...


def check_path(path: str) -> str:
    if not _SAFE_PATH.match(path) or ".." in path or "//" in path:
        raise ValueError(f"unsafe site path: {path!r}")
    return path


class LocalPublicSite:
    def __init__(self, directory: Path):
        self._dir = directory

    def put(self, path: str, data: bytes) -> None:
        target = self._dir / check_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".", suffix=".partial", delete=False) as partial:
            partial.write(data)
        written = Path(partial.name)
        written.chmod(PUBLIC_MODE)  # a temporary file is private (0600): a web server copying the site refused it
        written.replace(target)  # readers see a whole page or the previous one


class CloudStoragePublicSite:
    def __init__(self, bucket: str):
        from google.cloud import storage  # type: ignore[attr-defined]

        self._bucket = storage.Client().bucket(bucket)

    def put(self, path: str, data: bytes) -> None:
        blob = self._bucket.blob(check_path(path))
        blob.cache_control = CACHE_CONTROL
        content_type = CONTENT_TYPES.get(path.rsplit(".", 1)[-1], "application/octet-stream")
        blob.upload_from_string(data, content_type=content_type)


def public_site_for(settings: Settings) -> PublicSite:
    if settings.public_bucket:
        return CloudStoragePublicSite(settings.public_bucket)
    return LocalPublicSite(settings.public_dir)
