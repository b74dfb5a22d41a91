"""Logos are decoded by Pillow within a pixel budget and re-encoded: what is kept is a small, clean image
this app wrote; bombs, forged headers, other formats and damaged files are refused with a reason."""

from __future__ import annotations

import io
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from survey.documents.logos import MAX_SIDE, LogoError, clean_logo, jpeg_scans, stored_logo

LIMIT = 512 * 1024
ORIENTATION = 0x0112  # EXIF tag
ROTATED_90 = 6  # "turn me 90 degrees clockwise to display"


def encoded(kind: str, size=(120, 40), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 0).save(buffer, kind, **options)
    return buffer.getvalue()


def with_exif(kind: str, size) -> bytes:
    """An image stored sideways, as cameras do, with an orientation tag and where it was taken."""
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90
    exif[0x010F] = "Camera maker"  # Make
    exif[0x010E] = "Taken at 48.8566 N, 2.3522 E"  # ImageDescription
    return encoded(kind, size, exif=exif.tobytes())


def hostile_jpeg(big_frame_first: bool = True) -> bytes:
    """The attack session's file: a 16x16 JPEG with an EXIF orientation and a second frame header (SOF0)
    that claims 12000 x 12000 pixels, before or after the real one. About 700 bytes."""
    data = with_exif("JPEG", (16, 16))
    start = data.index(b"\xff\xc0")
    (length,) = struct.unpack(">H", data[start + 2 : start + 4])
    real_frame = data[start : start + 2 + length]
    huge_frame = real_frame[:5] + struct.pack(">HH", 12000, 12000) + real_frame[9:]
    frames = huge_frame + real_frame if big_frame_first else real_frame + huge_frame
    return data[:start] + frames + data[start + 2 + length :]


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize(
    "data,mime,size",
    [
        (encoded("PNG"), "image/png", (120, 40)),
        (encoded("PNG", mode="RGBA"), "image/png", (120, 40)),
        (encoded("JPEG"), "image/jpeg", (120, 40)),
        (encoded("JPEG", progressive=True), "image/jpeg", (120, 40)),
        (encoded("JPEG", size=(64, 64), restart_marker_blocks=1), "image/jpeg", (64, 64)),
        (encoded("JPEG", size=(64, 32), mode="CMYK"), "image/jpeg", (64, 32)),
    ],
    ids=["png", "png-alpha", "jpeg", "progressive-jpeg", "jpeg-with-restart-markers", "cmyk-jpeg"],
)
def test_clean_images_are_kept_as_a_new_file_of_the_same_kind_and_size(data, mime, size):
    logo = clean_logo(data, LIMIT)
    assert (logo.mime_type, logo.width, logo.height) == (mime, *size)
    image = decoded(logo.data)
    assert image.size == size and image.format == mime.split("/")[1].upper()
    assert image.mode in ("RGB", "RGBA")
    assert logo.digest == clean_logo(data, LIMIT).digest and len(logo.digest) == 64


def test_big_logos_are_shrunk_to_800_pixels_on_the_long_side():
    logo = clean_logo(encoded("PNG", size=(3000, 1200)), LIMIT)
    assert (logo.width, logo.height) == (MAX_SIDE, 320) == decoded(logo.data).size


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_the_exif_orientation_is_applied_and_every_metadata_dropped(kind):
    photo = with_exif(kind, (1600, 400))
    assert Image.open(io.BytesIO(photo)).getexif()[ORIENTATION] == ROTATED_90
    logo = clean_logo(photo, LIMIT)
    image = decoded(logo.data)
    assert image.size == (logo.width, logo.height) == (200, MAX_SIDE)  # upright: taller than wide
    assert not image.getexif()
    assert not {"exif", "icc_profile", "dpi", "comment"} & set(image.info)
    assert b"Camera maker" not in logo.data and b"48.8566" not in logo.data


@pytest.mark.parametrize("big_frame_first", [True, False], ids=["huge-frame-first", "huge-frame-last"])
def test_a_jpeg_with_a_forged_second_frame_header_is_refused(big_frame_first):
    data = hostile_jpeg(big_frame_first)
    assert len(data) < 2000
    with pytest.raises(LogoError) as refused:
        clean_logo(data, LIMIT)
    assert refused.value.reason in ("damaged", "too_many_pixels")


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = encoded("PNG", size=(12000, 12000), mode="1")  # 144 megapixels in about 20 kB
    assert len(bomb) < LIMIT
    with pytest.raises(LogoError) as refused:
        clean_logo(bomb, LIMIT)
    assert refused.value.reason == "too_many_pixels"


def test_data_after_the_image_is_not_carried_over():
    logo = clean_logo(encoded("PNG") + b"<script>alert(1)</script>", LIMIT)
    assert b"<script>" not in logo.data and decoded(logo.data).size == (120, 40)


@pytest.mark.parametrize(
    "data,reason",
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "not_an_image"),
        (encoded("GIF"), "not_an_image"),
        (encoded("BMP"), "not_an_image"),
        (encoded("TIFF"), "not_an_image"),
        (encoded("PNG", size=(300, 300))[:-40], "damaged"),
        (encoded("JPEG", size=(300, 300))[:200], "damaged"),
        (encoded("PNG")[:29] + b"\0\0\0\0" + encoded("PNG")[33:], "damaged"),  # a wrong checksum
        (b"\x89PNG\r\n\x1a\n" + b"\0" * LIMIT, "too_large"),
    ],
    ids=["svg", "gif", "bmp", "tiff", "png-cut", "jpeg-cut", "bad-crc", "huge"],
)
def test_anything_else_is_refused_with_a_reason(data, reason):
    with pytest.raises(LogoError) as refused:
        clean_logo(data, LIMIT)
    assert refused.value.reason == reason


def test_a_logo_stored_before_re_encoding_is_served_cleaned_or_not_at_all():
    legacy = with_exif("JPEG", (1600, 400))
    served = stored_logo(legacy)
    assert served is not None and (served.width, served.height) == (200, MAX_SIDE)
    assert b"Camera maker" not in served.data
    assert stored_logo(hostile_jpeg()) is None


def scan_segments(data: bytes) -> list[bytes]:
    """Each scan of a JPEG Pillow wrote: its SOS header and entropy-coded data, up to the next marker."""
    scans, position = [], 0
    while (start := data.find(b"\xff\xda", position)) >= 0:
        end = start + 2
        while data[end + 1] == 0 or 0xD0 <= data[end + 1] <= 0xD7 or data[end] != 0xFF:
            end += 1
        scans.append(data[start:end])
        position = end
    return scans


def many_scans_jpeg(scans: int = 23_000, size=(400, 200)) -> bytes:
    """The attack session's kind of file: a progressive JPEG whose last (tiny) refinement scan is repeated
    until the file holds `scans` scans; each one costs the decoder a walk over every block of the image."""
    data = encoded("JPEG", size=size, progressive=True)
    written = scan_segments(data)
    last = written[-1]
    end = data.index(last) + len(last)
    return data[:end] + last * (scans - len(written)) + data[end:]


def test_a_progressive_jpeg_of_thousands_of_scans_is_refused_before_it_is_decoded(monkeypatch):
    data = many_scans_jpeg()
    assert len(data) < LIMIT and len(scan_segments(data)) == 23_000

    def no_decoding(*args, **kwargs):
        raise AssertionError("the file reached the decoder")

    monkeypatch.setattr(Image, "open", no_decoding)
    with pytest.raises(LogoError) as refused:
        clean_logo(data, LIMIT)
    assert refused.value.reason == "too_many_scans"


def test_a_few_dozen_scans_are_accepted_and_ff_da_bytes_inside_a_segment_are_no_scan():
    ten_scans = encoded("JPEG", size=(120, 40), progressive=True, comment=b"\xff\xda\x00\x08" * 100)
    assert len(scan_segments(ten_scans)) > 100  # a naive count of FF DA would refuse it
    assert clean_logo(ten_scans, LIMIT).width == 120
    assert clean_logo(many_scans_jpeg(scans=40, size=(120, 40)), LIMIT).width == 120
    with pytest.raises(LogoError) as refused:
        clean_logo(many_scans_jpeg(scans=41, size=(120, 40)), LIMIT)
    assert refused.value.reason == "too_many_scans"


@given(st.binary(max_size=400))
def test_counting_scans_ends_on_any_bytes_and_stops_past_the_limit(tail):
    assert 0 <= jpeg_scans(b"\xff\xd8" + tail, stop_after=3) <= 4
