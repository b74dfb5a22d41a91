"""Logo checks by content: clean PNG and JPEG pass; scripts, SVG, damage and excess are refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from survey.documents.logos import LogoError, validate_logo

LIMIT = 512 * 1024


def encoded(kind: str, size=(120, 40), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data,mime",
    [
        (encoded("PNG"), "image/png"),
        (encoded("JPEG"), "image/jpeg"),
        (encoded("JPEG", progressive=True), "image/jpeg"),
        (encoded("JPEG", size=(64, 64), restart_marker_blocks=1), "image/jpeg"),
    ],
    ids=["png", "jpeg", "progressive-jpeg", "jpeg-with-restart-markers"],
)
def test_clean_images_pass_with_their_type_and_size(data, mime):
    logo = validate_logo(data, LIMIT)
    assert logo.mime_type == mime and logo.data == data and logo.width > 0


@pytest.mark.parametrize(
    "data,reason",
    [
        (encoded("PNG") + b"<script>alert(1)</script>", "damaged"),
        (encoded("JPEG") + b"<script>alert(1)</script>", "damaged"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "not_an_image"),
        (b"GIF89a" + b"\0" * 40, "not_an_image"),
        (encoded("PNG")[:-12], "damaged"),
        (encoded("JPEG")[:-2], "damaged"),
        (encoded("PNG")[:33] + b"\0\0\0\0IEND\xaeB`\x82", "damaged"),  # no image data at all
        (encoded("PNG")[:29] + b"\0\0\0\0" + encoded("PNG")[33:], "damaged"),  # a wrong checksum
        (encoded("PNG", size=(5000, 10)), "too_many_pixels"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * LIMIT, "too_large"),
    ],
    ids=["png-script", "jpeg-script", "svg", "gif", "png-cut", "jpeg-cut", "no-idat", "bad-crc", "wide", "huge"],
)
def test_anything_else_is_refused_with_a_reason(data, reason):
    with pytest.raises(LogoError) as refused:
        validate_logo(data, LIMIT)
    assert refused.value.reason == reason
