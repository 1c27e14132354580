"""Where the public site is written: a public Cloud Storage bucket (ready for a CDN), or a local
directory (`out/public`, served by `make run`)."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Protocol

from shared.adapters.report_storage import CONTENT_TYPES
from shared.config import Settings

_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,300}$")
CACHE_CONTROL = "public, max-age=300"
PUBLIC_MODE = 0o644  # public pages: anyone may read them  # a republished period shows within minutes


RUN_FILE = "run.json"  # {period}/run.json: the aggregation run the period's pages show


class PublicSite(Protocol):
    def put(self, path: str, data: bytes) -> None: ...
    def shown_run(self, period: str) -> tuple[str, Any]: ...
    def switch_run(self, period: str, run: str, seen: Any) -> bool: ...
    def keep_versions(self, period: str, newest: str) -> None: ...  # `newest`: a version's name


def dropped(folders: dict[str, float], newest: str) -> list[str]:
    """A period's version folders to remove: all but `newest` and the latest other (the one the
    entry page showed until now: a visitor browsing it keeps their pages)."""
    others = sorted((name for name in folders if name != newest), key=folders.__getitem__, reverse=True)
    return others[1:]


def run_file(run: str) -> bytes:
    return json.dumps({"run": run}).encode()


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

    def shown_run(self, period: str) -> tuple[str, Any]:
        """The run the period's pages show ("" before any), and what to compare when switching."""
        try:
            seen = (self._dir / check_path(f"{period}/{RUN_FILE}")).read_bytes()
        except FileNotFoundError:
            return "", b""
        return json.loads(seen).get("run", ""), seen

    def switch_run(self, period: str, run: str, seen: Any) -> bool:
        """Record `run` as shown, unless another writer switched since `seen` was read (a lock
        makes the compare and the write one step)."""
        self._dir.mkdir(parents=True, exist_ok=True)
        lock = os.open(self._dir, os.O_RDONLY)  # the site's folder itself: no lock file to publish
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.shown_run(period)[1] != seen:
                return False
            self.put(f"{period}/{RUN_FILE}", run_file(run))
            return True
        finally:
            os.close(lock)  # and its lock with it

    def keep_versions(self, period: str, newest: str) -> None:
        versions = self._dir / check_path(period) / "v"
        folders = {p.name: p.stat().st_mtime for p in versions.iterdir() if p.is_dir()} if versions.is_dir() else {}
        for name in dropped(folders, newest):
            shutil.rmtree(versions / name, ignore_errors=True)


class CloudStoragePublicSite:
    def __init__(self, bucket: str):
        from google.cloud import storage  # type: ignore[attr-defined]

        self._bucket = storage.Client().bucket(bucket)

    def put(self, path: str, data: bytes) -> None:
        blob = self._bucket.blob(check_path(path))
        blob.cache_control = CACHE_CONTROL
        content_type = CONTENT_TYPES.get(path.rsplit(".", 1)[-1], "application/octet-stream")
        blob.upload_from_string(data, content_type=content_type)

    def shown_run(self, period: str) -> tuple[str, Any]:
        """The run the period's pages show ("" before any) and its object's generation."""
        blob = self._bucket.get_blob(check_path(f"{period}/{RUN_FILE}"))
        if blob is None:
            return "", 0  # generation 0: "only if it does not exist yet"
        return json.loads(blob.download_as_bytes(if_generation_match=blob.generation)).get("run", ""), blob.generation

    def switch_run(self, period: str, run: str, seen: Any) -> bool:
        """Record `run` as shown, only if the object is still the generation read (a precondition)."""
        from google.api_core.exceptions import PreconditionFailed

        blob = self._bucket.blob(check_path(f"{period}/{RUN_FILE}"))
        blob.cache_control = "no-cache"
        try:
            blob.upload_from_string(run_file(run), content_type="application/json", if_generation_match=seen)
        except PreconditionFailed:
            return False
        return True

    def keep_versions(self, period: str, newest: str) -> None:
        blobs = list(self._bucket.list_blobs(prefix=f"{check_path(period)}/v/"))
        folders: dict[str, float] = {}
        for blob in blobs:
            name = blob.name.split("/")[2]
            folders[name] = max(folders.get(name, 0.0), blob.updated.timestamp())
        gone = set(dropped(folders, newest))
        self._bucket.delete_blobs([blob for blob in blobs if blob.name.split("/")[2] in gone])


def public_site_for(settings: Settings) -> PublicSite:
    if settings.public_bucket:
        return CloudStoragePublicSite(settings.public_bucket)
    return LocalPublicSite(settings.public_dir)
