"""Client logos: accept a PNG or a JPEG, checked by its content, never by its name or declared type.

Pure code. A PNG must be a clean sequence of chunks with valid checksums, starting with IHDR and
ending exactly at IEND; a JPEG must be a sequence of well-formed segments up to its scan, and end
exactly at its end-of-image marker. Anything else (an SVG, a PNG with a script appended, a
truncated file, a polyglot) is refused: a logo is printed into PDFs and served to browsers.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8\xff"
MAX_SIDE = 4096  # pixels: a bigger logo is a mistake, or a decompression bomb
JPEG_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
JPEG_STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}  # TEM, RST0-7: no length field


class LogoError(ValueError):
    """Why a logo is refused: `reason` is one of "too_large", "not_an_image", "damaged", "too_many_pixels"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Logo:
    data: bytes
    mime_type: str
    width: int
    height: int


def validate_logo(data: bytes, max_bytes: int) -> Logo:
    """The checked logo, or LogoError."""
    if len(data) > max_bytes:
        raise LogoError("too_large")
    if data.startswith(PNG_SIGNATURE):
        width, height = _png_size(data)
        mime_type = "image/png"
    elif data.startswith(JPEG_START):
        width, height = _jpeg_size(data)
        mime_type = "image/jpeg"
    else:
        raise LogoError("not_an_image")
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise LogoError("too_many_pixels")
    return Logo(data, mime_type, width, height)


def _png_size(data: bytes) -> tuple[int, int]:
    position = len(PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    has_image_data = False
    while True:
        if position + 12 > len(data):
            raise LogoError("damaged")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if end > len(data) or not kind.isalpha():
            raise LogoError("damaged")
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) != crc:
            raise LogoError("damaged")
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise LogoError("damaged")
            size = struct.unpack(">II", body[:8])
        position = end
        has_image_data = has_image_data or kind == b"IDAT"
        if kind == b"IEND":
            if position != len(data) or not has_image_data:  # e.g. a script appended after the image
                raise LogoError("damaged")
            return size


def _jpeg_size(data: bytes) -> tuple[int, int]:
    position = 2
    size: tuple[int, int] | None = None
    while position + 2 <= len(data):
        if data[position] != 0xFF:
            raise LogoError("damaged")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
        elif marker == 0xD9:  # end of image: it must be the end of the file
            if size is None or position + 2 != len(data):
                raise LogoError("damaged")
            return size
        elif marker in JPEG_STANDALONE_MARKERS:
            position += 2
        else:
            if position + 4 > len(data):
                raise LogoError("damaged")
            (length,) = struct.unpack(">H", data[position + 2 : position + 4])
            if length < 2 or position + 2 + length > len(data):
                raise LogoError("damaged")
            if marker in JPEG_SOF_MARKERS and length >= 7:
                height, width = struct.unpack(">HH", data[position + 5 : position + 9])
                size = (width, height)
            position += 2 + length
            if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
                position = _end_of_scan(data, position)
    raise LogoError("damaged")


def _end_of_scan(data: bytes, position: int) -> int:
    """Where the entropy-coded data ends: the first 0xFF followed by neither 0x00 (stuffing) nor RST0-7."""
    while True:
        index = data.find(b"\xff", position)
        if index == -1 or index + 1 >= len(data):
            raise LogoError("damaged")
        follower = data[index + 1]
        if follower == 0x00 or 0xD0 <= follower <= 0xD7:
            position = index + 2
        else:
            return index
