"""Static files: built once into versioned, precompressed copies, served by WhiteNoise.

When the app starts, every file of static/ and Plotly's bundle (from the installed package: no CDN) is
copied into STATIC_BUILD_DIR (instance/static by default) under a name that carries its content's digest
(`css/app.3f2a1b9c0d4e.css`), with a `.gz` and a `.br` beside it. A name says its content, so a file
already there is never built again: the compression happens once per content, not once per start or per
request. `url_for('static', filename='css/app.css')` gives the versioned name, which WhiteNoise serves
with `Cache-Control: public, max-age=31536000, immutable` and in the encoding the browser accepts (br,
gzip): a repeat visit asks for no script and no stylesheet. The plain names are served too (a bookmark,
the health checks), with a short cache.

Brotli's best quality takes 37 s on Plotly's 4.8 MB for 10 % less than quality 9 (2.4 s); files over
256 KB get quality 9, the others 11.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import brotli
from flask import Flask, url_for
from whitenoise import WhiteNoise

from survey.web.security import SECURITY_HEADERS

PLOTLY_VERSION = version("plotly")
PLOTLY_NAME = "js/plotly.min.js"
ONE_YEAR = 365 * 24 * 3600
VERSIONED = re.compile(r"\.[0-9a-f]{12}\.(?:min\.)?\w+$")
BIG_FILE = 256 * 1024
COMPRESSIBLE = (".css", ".js", ".svg", ".json", ".txt", ".html")


def plotly_js_path() -> Path:
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def plotly_js_url() -> str:
    return url_for("static", filename=PLOTLY_NAME)


def source_files(static_folder: Path) -> dict[str, Path]:
    """Every static file by its name under /static/, Plotly's bundle included."""
    files = {path.relative_to(static_folder).as_posix(): path for path in static_folder.rglob("*") if path.is_file()}
    files[PLOTLY_NAME] = plotly_js_path()
    return files


_digests: dict[tuple[str, int, int], str] = {}


def digest_of(path: Path) -> str:
    """The first 12 hex digits of the file's SHA-256, remembered per path, size and modification time."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _digests:
        _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return _digests[key]


def versioned_name(name: str, digest: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    if name.endswith(".min.js"):
        stem, suffix = name[: -len(".min.js")], "min.js"
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def write_atomically(target: Path, data: bytes) -> None:
    """Several workers may start at once: each writes a temporary file and renames it (same content)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, target)


def build_file(source: Path, target: Path) -> None:
    """Copy `source` to `target` with its .gz and .br, unless they are there already."""
    compressible = target.name.endswith(COMPRESSIBLE)
    if target.exists() and (not compressible or target.with_name(target.name + ".br").exists()):
        return
    data = source.read_bytes()
    if compressible:
        quality = 9 if len(data) > BIG_FILE else 11
        write_atomically(target.with_name(target.name + ".gz"), gzip.compress(data, 9, mtime=0))
        write_atomically(target.with_name(target.name + ".br"), brotli.compress(data, quality=quality))
    write_atomically(target, data)


def build_static(static_folder: Path, build_dir: Path) -> dict[str, str]:
    """Build every static file (plain and versioned names) into `build_dir`; the plain name -> versioned name."""
    manifest = {}
    for name, source in source_files(static_folder).items():
        versioned = versioned_name(name, digest_of(source))
        build_file(source, build_dir / versioned)
        plain = build_dir / name  # the plain name follows the current content
        if plain.exists() and digest_of(plain) != digest_of(source):
            for stale in (plain, plain.with_name(plain.name + ".gz"), plain.with_name(plain.name + ".br")):
                stale.unlink(missing_ok=True)
        build_file(source, plain)
        manifest[name] = versioned
    return manifest


def add_static_headers(headers, path: str, url: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value


def is_versioned(path: str, url: str) -> bool:
    return bool(VERSIONED.search(url))


def register_static_files(app: Flask) -> None:
    """Build the versioned copies, point url_for('static') at them and serve them with WhiteNoise."""
    build_dir = Path(app.config.get("STATIC_BUILD_DIR") or Path(app.instance_path) / "static")
    manifest = build_static(Path(app.static_folder), build_dir)
    app.extensions["static_manifest"] = manifest

    @app.url_defaults
    def versioned_static(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in manifest:
            values["filename"] = manifest[values["filename"]]

    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(build_dir),
        prefix="static/",
        max_age=60,
        immutable_file_test=is_versioned,
        add_headers_function=add_static_headers,
    )
