"""Downloading an enclosure to a folder: http(s) only (every redirect checked), capped in
size, resumable, written privately and atomically.

The file grows as `NAME.part` (0600); an interrupted download resumes from there with a
Range request (a server that ignores it starts the file over). Once complete the part file
is flushed to disk and renamed to NAME, never overwriting a file already there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from tidings.ingest.fetch import CONNECT_TIMEOUT, MAX_REDIRECTS, USER_AGENT, is_http_url
from tidings.storage.private_files import sync_folder

CHUNK = 64 * 1024
_UNSAFE = re.compile(r"[^\w.\- ()\[\]+,]")


class DownloadError(Exception):
    """A download that failed; the message is one line. What was received is kept."""


@dataclass(frozen=True)
class Downloaded:
    path: Path
    size: int
    resumed_from: int  # bytes already there from an earlier, interrupted attempt


Progress = Callable[[int, int | None], None]  # (bytes so far, total or None)


def file_name(url: str, fallback: str) -> str:
    """A safe file name from the URL's last path segment (no folders, no hidden files)."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip(" .")[:120]
    return name or fallback


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or "stem (2).ext" and so on when taken."""
    target = folder / name
    stem, suffix = os.path.splitext(name)
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def download(
    url: str,
    folder: Path,
    *,
    name: str,
    max_bytes: int,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> Downloaded:
    """Fetch url into folder/name (a free variant of it); DownloadError on any failure."""
    if not is_http_url(url):
        raise DownloadError(f"refusing a non-http(s) URL: {url[:200]}")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise DownloadError(f"cannot create {folder}: {error.strerror}") from None
    part = folder / f"{name}.part"
    have = part.stat().st_size if part.exists() else 0
    try:
        with httpx.Client(
            follow_redirects=False, trust_env=False, headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
        ) as client:
            size = _fetch_to(client, url, part, have, max_bytes, progress)
    except httpx.HTTPError as error:
        kept = part.stat().st_size if part.exists() else 0
        again = f"; {kept} bytes kept, run again to resume" if kept else ""
        raise DownloadError(
            f"download failed: {' '.join(str(error).split())[:200]}{again}"
        ) from None
    except httpx.InvalidURL as error:
        raise DownloadError(f"refusing an invalid URL ({error})") from None
    except OSError as error:
        raise DownloadError(f"cannot write {part}: {error.strerror}") from None
    target = _free_name(folder, name)
    os.replace(part, target)
    sync_folder(folder)
    return Downloaded(target, size, have if size >= have else 0)


def _fetch_to(
    client: httpx.Client, url: str, part: Path, have: int, max_bytes: int,
    progress: Progress | None,
) -> int:
    for _hop in range(MAX_REDIRECTS + 1):
        if not is_http_url(url):
            raise DownloadError(f"refusing a redirect to a non-http(s) URL: {url[:200]}")
        headers = {"Range": f"bytes={have}-"} if have else {}
        with client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in {301, 302, 303, 307, 308}:
                url = urljoin(str(response.url), response.headers.get("location", "").strip())
                continue
            if status == 416 and have:  # the part file is already whole
                return have
            if status not in {200, 206}:
                raise DownloadError(f"HTTP {status} {response.reason_phrase}".strip())
            resuming = status == 206 and have > 0
            start = have if resuming else 0
            total = _total(response, start)
            if total is not None and total > max_bytes:
                raise DownloadError(f"larger than the limit of {max_bytes // 2**20} MB")
            return _write(response, part, start, total, max_bytes, progress)
    raise DownloadError(f"more than {MAX_REDIRECTS} redirects")


def _total(response: httpx.Response, start: int) -> int | None:
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and len(declared) <= 15:
        return start + int(declared)
    return None


def _write(
    response: httpx.Response, part: Path, start: int, total: int | None, max_bytes: int,
    progress: Progress | None,
) -> int:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if start else os.O_TRUNC)
    descriptor = os.open(part, flags, 0o600)
    os.fchmod(descriptor, 0o600)
    size = start
    with os.fdopen(descriptor, "wb") as out:
        if progress:
            progress(size, total)
        for chunk in response.iter_raw(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                out.close()
                part.unlink(missing_ok=True)
                raise DownloadError(f"larger than the limit of {max_bytes // 2**20} MB")
            out.write(chunk)
            if progress:
                progress(size, total)
        out.flush()
        os.fsync(out.fileno())
    if total is not None and size < total:
        raise DownloadError(f"connection closed after {size} of {total} bytes (run again to resume)")
    return size

