"""Save a python-docx document as the bytes of a .docx, the same for the same document.

python-docx stamps every zip entry with the current time and deflates every part, pictures
included; archdoc writes the package itself, once: each entry dated 1980-01-01 (so one model
gives the same bytes on every build), text parts deflated, pictures (compressed already)
stored. The parts and their order are python-docx's own (its ``PackageWriter``).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.opc.pkgwriter import PackageWriter

_STORED = (".png", ".jpeg", ".jpg", ".gif")


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
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: Any) -> bytes:
    """The .docx of a python-docx ``Document``."""
    package = document.part.package
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
