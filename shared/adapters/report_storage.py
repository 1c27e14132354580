"""Where rendered reports are kept: a Cloud Storage bucket, or a local directory."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Protocol

from shared.config import Settings

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "svg": "image/svg+xml",
}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


class ReportStorage(Protocol):
    def exists(self, name: str) -> bool: ...
    def get(self, name: str) -> bytes | None: ...
    def put(self, name: str, data: bytes) -> None: ...


def check_name(name: str) -> str:
    if not _SAFE_NAME.match(name) or ".." in name:
        raise ValueError(f"unsafe report name: {name!r}")
    return name


class LocalReportStorage:
    def __init__(self, directory: Path):
        self._dir = directory

    def exists(self, name: str) -> bool:
        return (self._dir / check_name(name)).is_file()

    def get(self, name: str) -> bytes | None:
        path = self._dir / check_name(name)
        return path.read_bytes() if path.is_file() else None

    def put(self, name: str, data: bytes) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        # A partial file of its own per writer (two requests may render the same report at
        # once), never a valid report name; the rename is atomic: readers see all or nothing.
        with tempfile.NamedTemporaryFile(dir=self._dir, prefix=".", suffix=".partial", delete=False) as partial:
            partial.write(data)
        Path(partial.name).replace(self._dir / check_name(name))


class CloudStorageReports:
    def __init__(self, bucket: str):
        from google.cloud import storage  # type: ignore[attr-defined]  # only the report function needs this client

        self._bucket = storage.Client().bucket(bucket)

    def exists(self, name: str) -> bool:
        return self._bucket.blob(check_name(name)).exists()

    def get(self, name: str) -> bytes | None:
        blob = self._bucket.blob(check_name(name))
        from google.api_core.exceptions import NotFound

        try:
            return blob.download_as_bytes()
        except NotFound:
            return None

    def put(self, name: str, data: bytes) -> None:
        content_type = CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
        self._bucket.blob(check_name(name)).upload_from_string(data, content_type=content_type)


def storage_for(settings: Settings) -> ReportStorage:
    if settings.reports_bucket:
        return CloudStorageReports(settings.reports_bucket)
    return LocalReportStorage(settings.reports_dir)
