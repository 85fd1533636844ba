"""The Word report (and, on request, its PDF through LibreOffice)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from archdoc import processes
from archdoc.errors import ToolMissingError, UsageError, shown
from archdoc.render import BuildContext
from archdoc.render.report.document import ReportWriter


def read_template(path: str) -> bytes:
    """The bytes of a ``--template`` Word document, checked to be one python-docx can open."""
    import io

    import docx

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read template {path}: {exc.strerror or exc}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.getinfo("word/document.xml")
        docx.Document(io.BytesIO(data))
    except Exception:  # any way of not being a Word document: a zip of something else, ...
        raise UsageError(f"template {path} is not a Word .docx file") from None
    return data


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def uno_python() -> str | None:
    """A Python that has LibreOffice's UNO bridge (Debian's python3-uno), if any."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                   timeout=30, check=False)
            if probe.returncode == 0:
                return candidate
    return None


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    """Convert with LibreOffice headless; a clear error when it is not installed.

    Through UNO when the bridge is there, so the table of contents gets its page numbers;
    else by ``--convert-to pdf``, which keeps the TOC's entries without numbers.
    """
    binary = soffice_binary()
    if binary is None:
        raise ToolMissingError("--pdf needs LibreOffice, which is not installed; install it with "
                               "'make pdf-deps' (Debian: libreoffice-writer-nogui) or drop --pdf")
    with tempfile.TemporaryDirectory(prefix="archdoc-pdf-") as tmp:
        source = Path(tmp, "report.docx")
        source.write_bytes(docx_bytes)
        # A private profile: works when another LibreOffice is running, and leaves no trace.
        profile = Path(tmp, "profile").as_uri()
        target = Path(tmp, "report.pdf")
        python = uno_python()
        if python:
            script = Path(__file__).with_name("soffice_pdf.py")
            processes.run([python, str(script), binary, str(source), str(target), profile],
                          "LibreOffice")
            if target.exists() and target.stat().st_size > 0:
                return target.read_bytes()
        proc = processes.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)], "LibreOffice")
        if proc.returncode != 0 or not target.exists():
            said = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
            raise ToolMissingError(f"LibreOffice could not convert the report: "
                                   f"{shown(said, 300)}")
        return target.read_bytes()


def render_report(ctx: BuildContext) -> dict[str, bytes]:
    template = ctx.options.get("template_bytes")
    if template is None and ctx.options.get("template"):
        template = read_template(ctx.options["template"])
    data = ReportWriter(ctx, template).write()
    name = ctx.model.report_file
    files = {name: data}
    if ctx.options.get("pdf"):
        files[name[: -len(".docx")] + ".pdf"] = docx_to_pdf(data)
    return files
