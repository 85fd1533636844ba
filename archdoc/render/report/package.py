"""Save a python-docx document as the bytes of a .docx, the same for the same document.

python-docx stamps every zip entry with the current time and deflates every part, pictures
included; archdoc writes the package itself, once: each entry dated 1980-01-01 (so one model
gives the same bytes on every build), text parts deflated, pictures (compressed already)
stored, and SVG pictures (mostly PNG icons in base64, which deflate gains a third on at any
level) deflated at the fastest level. The parts and their order are python-docx's own (its
``PackageWriter``), less its template's ``stylesWithEffects.xml``: Word 2010's copy of the
styles, which Word since 2013 neither needs nor writes, and which would not carry the
report's own fonts (deflating its 430 KB was a tenth of saving the seed's report); and its
``thumbnail.jpeg``, a blank page a file manager would show as the report's preview.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.opc.pkgwriter import PackageWriter

_STORED = (".png", ".jpeg", ".jpg", ".gif")
_FASTEST = (".svg",)
_LEFT_OUT = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
             "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail")


class _FixedZip:
    """The physical writer python-docx's ``PackageWriter`` writes through."""

    def __init__(self, stream: io.BytesIO):
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        name = pack_uri.membername
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if name.endswith(_STORED) \
            else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob, compresslevel=1 if name.endswith(_FASTEST) else None)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: Any) -> bytes:
    """The .docx of a python-docx ``Document``."""
    package = document.part.package
    for rels in (package.rels, document.part.rels):  # (a part no relationship names is left out)
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _LEFT_OUT]:
            del rels[rid]
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    writer: Any = _FixedZip(out)  # duck-typed as python-docx's PhysPkgWriter
    # python-docx's own order of parts (its PackageWriter.write, with this writer)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return out.getvalue()
