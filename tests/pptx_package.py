"""What PowerPoint checks before it offers to "repair" a .pptx: every part has a content type, every declared
part exists, every internal relationship points at a part of the file, ids are unique, every XML part parses."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def package_problems(data: bytes) -> list[str]:
    problems: list[str] = []
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    if len(names) != len(set(names)):
        problems.append("duplicate zip entries")
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
    for part_name in overrides:
        if part_name.lstrip("/") not in names:
            problems.append(f"content type for a missing part {part_name}")
    for name in names:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        if f"/{name}" not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"no content type: {name}")
        if name.endswith((".xml", ".rels")):
            try:
                etree.fromstring(archive.read(name))
            except etree.XMLSyntaxError as error:
                problems.append(f"{name}: {error}")
    for name in (n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(name))  # _rels/ sits beside its source part
        ids = set()
        for relationship in etree.fromstring(archive.read(name)).iter(f"{REL}Relationship"):
            if relationship.get("Id") in ids:
                problems.append(f"{name}: duplicate relationship id {relationship.get('Id')}")
            ids.add(relationship.get("Id"))
            if relationship.get("TargetMode") == "External":
                problems.append(f"{name}: external relationship {relationship.get('Target')}")
                continue
            target = relationship.get("Target")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if path not in names:
                problems.append(f"{name}: {relationship.get('Id')} points at a missing part {path}")
    presentation = etree.fromstring(archive.read("ppt/presentation.xml"))
    rels = etree.fromstring(archive.read("ppt/_rels/presentation.xml.rels"))
    rel_ids = {r.get("Id") for r in rels.iter(f"{REL}Relationship")}
    slide_ids = [int(s.get("id")) for s in presentation.iter(f"{P}sldId")]
    if len(slide_ids) != len(set(slide_ids)) or any(i < 256 for i in slide_ids):
        problems.append("slide ids not unique or under 256")
    for element in presentation.iter(f"{P}sldId", f"{P}sldMasterId", f"{P}notesMasterId"):
        if element.get(R_ID) not in rel_ids:
            problems.append(f"presentation.xml: {element.get(R_ID)} has no relationship")
    return problems
