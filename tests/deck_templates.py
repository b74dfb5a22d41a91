"""Real-looking PowerPoint templates, made the way a firm's would be: its own theme fonts and colours, its
slide size, renamed or missing layouts, a sample slide; and hostile variants for the upload checks."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.util import Inches, Pt

ACCENT = "C0392B"


def make_template(
    aspect: str = "16:9",
    fonts: tuple[str, str] | None = None,
    drop_title_only: bool = False,
    keep_title_layouts: bool = True,
) -> bytes:
    """A template: 16:9 (13.333 x 7.5 in) or 4:3 (10 x 7.5 in); `fonts` (headings, body) for its theme."""
    presentation = Presentation()
    presentation.slide_width = Inches(13.333) if aspect == "16:9" else Inches(10)
    presentation.slide_height = Inches(7.5)
    layouts = presentation.slide_layouts
    for layout in list(layouts):
        if layout.name == "Title Only" and drop_title_only or not keep_title_layouts and layout.name not in ("Blank",):
            layouts.remove(layout)
    for layout in layouts:
        layout.name = {"Title Only": "Titre seul — Cabinet", "Title and Content": "Titre et contenu"}.get(
            layout.name, layout.name
        )
    if keep_title_layouts:
        sample = presentation.slides.add_slide(layouts[0])
        sample.shapes.title.text = "Cabinet Conseil — modèle de présentation"
        box = sample.shapes.add_textbox(Inches(1), Inches(5), Inches(6), Inches(1))
        box.text_frame.text = "Slide d’exemple, à supprimer"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    out = io.BytesIO()
    presentation.save(out)
    return rewrite(out.getvalue(), fonts)


def rewrite(
    data: bytes, fonts: tuple[str, str] | None, extra: dict[str, bytes] | None = None, types: str = ""
) -> bytes:
    """The package with its theme's fonts and first accent changed, `extra` parts added and `types` added to
    [Content_Types].xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "ppt/theme/theme1.xml":
                text = content.decode()
                if fonts:
                    major, minor = fonts
                    text = text.replace(
                        '<a:majorFont><a:latin typeface="Calibri"/>', f'<a:majorFont><a:latin typeface="{major}"/>'
                    )
                    text = text.replace(
                        '<a:minorFont><a:latin typeface="Calibri"/>', f'<a:minorFont><a:latin typeface="{minor}"/>'
                    )
                text = text.replace('<a:accent1><a:srgbClr val="4F81BD"/>', f'<a:accent1><a:srgbClr val="{ACCENT}"/>')
                content = text.encode()
            if item.filename == "[Content_Types].xml" and types:
                content = content.replace(b"</Types>", types.encode() + b"</Types>")
            target.writestr(item.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def with_macros() -> bytes:
    return rewrite(make_template(), None, {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def macro_enabled_type() -> bytes:
    macro_type = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
    override = f'<Override PartName="/ppt/extra.xml" ContentType="{macro_type}"/>'
    return rewrite(make_template(), None, types=override, extra={"ppt/extra.xml": b"<x/>"})


def with_external_picture() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(make_template()))
    rels = source.read("ppt/slideMasters/_rels/slideMaster1.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="http://tracker.example/pixel.png" TargetMode="External"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = rels.encode() if item.filename.endswith("slideMaster1.xml.rels") else source.read(item.filename)
            target.writestr(item.filename, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A valid template plus one part of 60 MB of zeros, packed to about 60 KB."""
    return rewrite(make_template(), None, {"ppt/media/image99.xml": b"\0" * (60 * 1024 * 1024)})


def with_doctype() -> bytes:
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "http://evil.example/">]><x>&e;</x>'
    return rewrite(make_template(), None, {"ppt/extra/entity.xml": entity})
