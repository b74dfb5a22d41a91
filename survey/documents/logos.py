"""Client logos: decoded by Pillow within a pixel budget, then re-encoded; only the clean copy is kept.

Pure code (Pillow, no Flask). An upload is opened as a PNG or a JPEG only, refused over a few megapixels
before anything is decoded (a decompression bomb), verified, opened again (verify() leaves an image
unusable), turned upright from its EXIF orientation, shrunk to at most MAX_SIDE pixels on its long side
and saved anew with no metadata. So the PDF renderer and the browsers only ever read a small image this
module wrote, whatever was uploaded: a second frame header, a script after the image, a GPS position in
the EXIF, a colour profile.

Decoding time is bounded too: a JPEG decoder walks every block of the image once per scan, so a
progressive JPEG of half a megabyte holding 23,000 tiny scans cost half a minute of CPU. Its scans are
counted in the bytes, segment by segment, before anything is decoded, and more than MAX_JPEG_SCANS is
refused: with at most MAX_PIXELS pixels, the worst accepted file decodes in about 0.3 s of CPU.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_PIXELS = 8_000_000  # an upload's decoded size: 4000 x 2000 is a generous logo
MAX_SIDE = 800  # the stored logo's long side, in pixels: sharp on a PDF cover, light to embed
OPENED_FORMATS = ("PNG", "JPEG")  # no other decoder is even tried
SAVED_AS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG"}  # MPO: a JPEG with extra frames (phones)
MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # what a PNG and a JPEG start with
MAX_JPEG_SCANS = 40  # libjpeg writes 10 scans for a progressive colour JPEG, Photoshop 3 to 5


class LogoError(ValueError):
    """Why a logo is refused: `reason` is one of "too_large", "not_an_image", "damaged", "too_many_pixels",
    "too_many_scans"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanLogo:
    """A logo this module encoded: what is stored, served and printed."""

    data: bytes
    mime_type: str
    width: int
    height: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_logo(data: bytes, max_bytes: int) -> CleanLogo:
    """The upload decoded, checked and re-encoded; LogoError says why it cannot be."""
    if len(data) > max_bytes:
        raise LogoError("too_large")
    if data.startswith(SIGNATURES[1]) and jpeg_scans(data, MAX_JPEG_SCANS) > MAX_JPEG_SCANS:
        raise LogoError("too_many_scans")
    try:
        with strict_pillow():
            with Image.open(io.BytesIO(data), formats=OPENED_FORMATS) as probe:
                _check_size(probe)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=OPENED_FORMATS) as image:
                _check_size(image)
                image.load()
                return _reencoded(image)
    except LogoError:
        raise
    except UnidentifiedImageError:  # no decoder took it: a damaged PNG or JPEG, or something else
        raise LogoError("damaged" if data.startswith(SIGNATURES) else "not_an_image") from None
    except Image.DecompressionBombError:
        raise LogoError("too_many_pixels") from None
    except Exception:  # Pillow's decoders raise many kinds of error on hostile bytes
        raise LogoError("damaged") from None


STANDALONE_MARKERS = frozenset([0x00, 0x01, 0xD8, *range(0xD0, 0xD8)])  # stuffed byte, TEM, SOI, RST0-7
END_OF_IMAGE, START_OF_SCAN = 0xD9, 0xDA


def jpeg_scans(data: bytes, stop_after: int) -> int:
    """How many scans (SOS markers) a JPEG's first image holds, counted up to `stop_after` + 1.

    Read as a decoder reads it: segment by segment, each skipped by its length (so bytes FF DA inside a
    comment or an EXIF block are not a scan); after a scan's header, its entropy-coded data runs to the
    next marker that is not a stuffed FF 00 or a restart marker. Counting stops at the end of the image."""
    position, scans, size = 2, 0, len(data)
    while position < size:
        if data[position] != 0xFF:  # entropy-coded data (or stray bytes): on to the next FF
            position = data.find(b"\xff", position)
            if position < 0:
                break
            continue
        while position < size and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= size:
            break
        marker = data[position]
        position += 1
        if marker == END_OF_IMAGE:
            break
        if marker in STANDALONE_MARKERS:
            continue
        if marker == START_OF_SCAN:
            scans += 1
            if scans > stop_after:
                break
        position += int.from_bytes(data[position : position + 2], "big") or 2  # the length counts itself
    return scans


_pillow_settings = Lock()


@contextmanager
def strict_pillow() -> Iterator[None]:
    """Pillow's process-wide settings, strict while an upload is decoded: a low pixel budget (its bomb
    guard raises DecompressionBombError beyond twice that), and no half-decoded image accepted
    (WeasyPrint turns LOAD_TRUNCATED_IMAGES on when imported; a damaged upload must be refused, not kept
    as whatever part of it decodes). PDF renders meanwhile only read images this module wrote."""
    with _pillow_settings:
        saved = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = MAX_PIXELS, False
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = saved


@lru_cache(maxsize=32)
def stored_logo(data: bytes) -> CleanLogo | None:
    """A stored logo as it may be served: cleaned again once per process, for logos stored before
    uploads were re-encoded (None if it cannot be: the page and the PDF then show none)."""
    try:
        return clean_logo(data, max_bytes=len(data))
    except LogoError:
        return None


def _check_size(image: Image.Image) -> None:
    if image.width * image.height > MAX_PIXELS:
        raise LogoError("too_many_pixels")


def _reencoded(image: Image.Image) -> CleanLogo:
    kind = SAVED_AS[image.format]
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    clean = upright.convert("RGBA" if kind == "PNG" and has_alpha else "RGB")
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    clean.info = {}  # no EXIF, colour profile or text chunk is carried over
    buffer = io.BytesIO()
    if kind == "PNG":
        clean.save(buffer, "PNG", optimize=True)
    else:
        clean.save(buffer, "JPEG", quality=90, optimize=True)
    return CleanLogo(buffer.getvalue(), MIME_TYPES[kind], clean.width, clean.height)
