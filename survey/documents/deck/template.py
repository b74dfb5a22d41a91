"""The consultant's own PowerPoint template: checked on upload like every file, then the base of the deck.

A .pptx is a zip of XML parts. What is refused, before python-pptx reads a byte of it:
- more than `max_bytes`; not a zip; more than MAX_ENTRIES parts; more than MAX_UNCOMPRESSED bytes once
  unpacked, or a part that unpacks to more than MAX_RATIO times its packed size (a zip bomb);
- macros (a vbaProject.bin part, a macro-enabled content type: .pptm, .potm, .ppsm), ActiveX controls and
  embedded OLE objects: programs, not a look;
- any relationship to something outside the file (TargetMode="External": a picture or font fetched from a
  server when the deck is opened), and any XML with a DOCTYPE (entities are how XML fetches things);
- a file that is not a presentation python-pptx can open, or that has no slide layout with a title.
What is kept from it: its slide masters, layouts, theme (colours, fonts) and slide size; its own slides are
dropped (see pptx_kit.new_presentation).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 100  # a part's unpacked size over its packed size; XML compresses about 10 to 20 times
MACRO_CONTENT = re.compile(rb"macroEnabled|vbaProject|activeX|oleObject", re.I)
MACRO_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)activeX/|(^|/)embeddings/.*\.bin$", re.I)
EXTERNAL = re.compile(rb"""TargetMode\s*=\s*["']External["']""", re.I)
DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


class TemplateError(ValueError):
    """Why a template is refused: one of "too_large", "not_pptx", "zip_bomb", "macros", "external",
    "no_title_layout"; `part` names the part at fault when there is one."""

    def __init__(self, reason: str, part: str = ""):
        super().__init__(reason if not part else f"{reason}: {part}")
        self.reason, self.part = reason, part


@dataclass(frozen=True)
class CheckedTemplate:
    data: bytes
    layouts: int  # how many slide layouts it offers
    aspect: str  # "16:9", "4:3" or "other"


def check_template(data: bytes, max_bytes: int) -> CheckedTemplate:
    """The template as uploaded, once every check above has passed; TemplateError otherwise."""
    if len(data) > max_bytes:
        raise TemplateError("too_large")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TemplateError("not_pptx") from None
    with archive:
        _check_sizes(entries)
        _check_parts(archive, entries)
    return _open(data)


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
        raise TemplateError("zip_bomb")
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise TemplateError("zip_bomb", entry.filename)


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """A part's bytes, reading no more than its declared size (a lying header cannot unpack more)."""
    try:
        with archive.open(entry) as part:
            content = part.read(entry.file_size + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
        raise TemplateError("not_pptx", entry.filename) from None
    if len(content) > entry.file_size:
        raise TemplateError("zip_bomb", entry.filename)
    return content


def _check_parts(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        raise TemplateError("not_pptx")
    for entry in entries:
        if MACRO_PART.search(entry.filename):
            raise TemplateError("macros", entry.filename)
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        content = _read(archive, entry)
        if DOCTYPE.search(content):
            raise TemplateError("external", entry.filename)
        if entry.filename.endswith(".rels") and EXTERNAL.search(content):
            raise TemplateError("external", entry.filename)
        if entry.filename == "[Content_Types].xml":
            if MACRO_CONTENT.search(content):
                raise TemplateError("macros", entry.filename)
            if PRESENTATION_MAIN not in content:
                raise TemplateError("not_pptx", entry.filename)


def _open(data: bytes) -> CheckedTemplate:
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        presentation = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile):
        raise TemplateError("not_pptx") from None
    except Exception:  # lxml's XMLSyntaxError and the like: a damaged part
        raise TemplateError("not_pptx") from None
    if title_layout(presentation) is None:
        raise TemplateError("no_title_layout")
    width, height = presentation.slide_width or 0, presentation.slide_height or 1
    ratio = width / height
    aspect = "16:9" if abs(ratio - 16 / 9) < 0.02 else "4:3" if abs(ratio - 4 / 3) < 0.02 else "other"
    return CheckedTemplate(data, len(presentation.slide_layouts), aspect)


TITLE_TYPES = ("TITLE", "CENTER_TITLE")
BODY_TYPES = ("BODY", "OBJECT", "SUBTITLE", "CHART", "TABLE", "PICTURE", "MEDIA_CLIP", "ORG_CHART", "CLIP_ART")


def _kinds(layout) -> list[str]:
    kinds = []
    for placeholder in layout.placeholders:
        kind = placeholder.placeholder_format.type
        kinds.append(kind.name if kind is not None else "OBJECT")
    return kinds


def title_layout(presentation, centred: bool = False):
    """The layout a slide of the deck is made on, chosen by its placeholders: one with a title (a centred
    title for the title slide, when there is one) and as few body placeholders as can be (the deck draws its
    own content); None when no layout has a title."""
    best, best_rank = None, None
    for index, layout in enumerate(presentation.slide_layouts):
        kinds = _kinds(layout)
        if not any(kind in TITLE_TYPES for kind in kinds):
            continue
        wanted = "CENTER_TITLE" if centred else "TITLE"
        rank = (wanted not in kinds, sum(kind in BODY_TYPES for kind in kinds), index)
        if best_rank is None or rank < best_rank:
            best, best_rank = layout, rank
    return best
