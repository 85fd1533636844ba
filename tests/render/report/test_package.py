"""The .docx package as archdoc writes it: every part named and typed, nothing stale from
python-docx's template, pictures stored, text deflated, every entry dated 1980."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

import docx

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def test_every_part_is_named_typed_and_reached_and_none_is_stale(seed_build):
    path = seed_build / "report.docx"
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        targets: set[str] = set()
        for rels in (n for n in names if n.endswith(".rels")):
            base = posixpath.dirname(posixpath.dirname(rels))  # word/_rels/x.rels -> word
            for rel in ET.fromstring(package.read(rels)).iter(RELS):
                assert "stylesWithEffects" not in rel.get("Type")
                assert not rel.get("Type").endswith("/thumbnail")
                if rel.get("TargetMode") != "External":
                    target = posixpath.normpath(posixpath.join(base, rel.get("Target")))
                    assert target in names, target  # no relationship to a missing part
                    targets.add(target)
        types = ET.fromstring(package.read("[Content_Types].xml"))
        overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{TYPES}Override")}
        defaults = {d.get("Extension") for d in types.iter(f"{TYPES}Default")}
        for name in names - {"[Content_Types].xml"}:
            assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
            if not name.endswith(".rels"):
                assert name in targets, name  # every part is reached by a relationship
        assert overrides <= names  # no type for a part that is not there
        assert not [n for n in names if re.search(r"stylesWithEffects|thumbnail", n)]
        for info in package.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            if info.filename.endswith((".png", ".jpeg")):
                assert info.compress_type == zipfile.ZIP_STORED, info.filename
            else:  # the SVG pictures and the XML
                assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
        assert any(n.endswith(".svg") for n in names)
    document = docx.Document(str(path))  # python-docx reads it back, styles and all
    assert document.styles["Heading 1"].type is not None
    assert len(document.inline_shapes) >= 4
