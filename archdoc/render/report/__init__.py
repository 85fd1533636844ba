"""The Word report (and, on request, its PDF through LibreOffice)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from archdoc.errors import ToolMissingError, UsageError
from archdoc.render import BuildContext
from archdoc.render.report.document import ReportWriter


def _template(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read template {path}: {exc.strerror or exc}") from None
    try:
        with zipfile.ZipFile(Path(path)) as archive:
            archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise UsageError(f"template {path} is not a Word .docx file") from None
    return data


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    """Convert with LibreOffice headless; a clear error when it is not installed."""
    binary = soffice_binary()
    if binary is None:
        raise ToolMissingError("--pdf needs LibreOffice, which is not installed; install it with "
                               "'make pdf-deps' (Debian: libreoffice-writer-nogui) or drop --pdf")
    with tempfile.TemporaryDirectory(prefix="archdoc-pdf-") as tmp:
        source = Path(tmp, "report.docx")
        source.write_bytes(docx_bytes)
        # A private profile: works when another LibreOffice is running, and leaves no trace.
        profile = Path(tmp, "profile").as_uri()
        proc = subprocess.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)],
            capture_output=True, text=True, timeout=300, check=False)
        target = Path(tmp, "report.pdf")
        if proc.returncode != 0 or not target.exists():
            raise ToolMissingError(f"LibreOffice could not convert the report: "
                                   f"{(proc.stderr or proc.stdout).strip()[:500]}")
        return target.read_bytes()


def render_report(ctx: BuildContext) -> dict[str, bytes]:
    data = ReportWriter(ctx, _template(ctx.options.get("template"))).write()
    name = ctx.model.report_file
    files = {name: data}
    if ctx.options.get("pdf"):
        files[name[: -len(".docx")] + ".pdf"] = docx_to_pdf(data)
    return files
