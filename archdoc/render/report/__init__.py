"""The Word report (and, on request, its PDF through LibreOffice)."""

from __future__ import annotations

import json
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


# The fonts the report names, and the metric-compatible ones that stand in for them where
# they are not installed (Carlito: Debian's fonts-crosextra-carlito), Korean in the Korean
# face of Noto Sans CJK; the PDF embeds them (LibreOffice embeds every font it uses)
FONT_STAND_INS = {"Calibri": "Carlito", "Malgun Gothic": "Noto Sans CJK KR",
                  "맑은 고딕": "Noto Sans CJK KR"}


def _font_stand_ins(profile: Path) -> None:
    """The stand-ins, in the replacement table of LibreOffice's private profile (what its
    Tools > Options > Fonts sets), for those installed."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    rows = "".join(
        f'<item oor:path="/org.openoffice.VCL/FontSubstitutions"><node oor:name="archdoc{k}" '
        f'oor:op="replace"><prop oor:name="Always" oor:type="xs:boolean"><value>true</value>'
        f'</prop><prop oor:name="OnScreenOnly" oor:type="xs:boolean"><value>false</value>'
        f'</prop><prop oor:name="ReplaceFont" oor:type="xs:string"><value>{name}</value>'
        f'</prop><prop oor:name="SubstituteFont" oor:type="xs:string"><value>{stand_in}'
        f'</value></prop></node></item>'
        for k, (name, stand_in) in enumerate(FONT_STAND_INS.items())
        if not _installed(name) and _installed(stand_in))
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items '
        'xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.VCL"><prop oor:name="FontSubstituteTableEnabled" '
        'oor:op="fuse"><value>true</value></prop></item>'
        f"{rows}</oor:items>", encoding="utf-8")


def _installed(family: str) -> bool:
    """Whether fontconfig knows ``family`` itself (not a fallback for it)."""
    listed = shutil.which("fc-list")
    if listed is None:
        return False
    proc = subprocess.run([listed, f"{family}", "family"], capture_output=True, timeout=30,
                          check=False)
    return family.encode() in proc.stdout


def docx_to_pdf(docx_bytes: bytes) -> tuple[bytes, list[str]]:
    """Convert with LibreOffice headless; a clear error when it is not installed. Returns
    the PDF and the lines of its contents ("heading<TAB>page"), when LibreOffice laid them out.

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
        _font_stand_ins(Path(tmp, "profile"))
        profile = Path(tmp, "profile").as_uri()
        target = Path(tmp, "report.pdf")
        python = uno_python()
        if python:
            script = Path(__file__).with_name("soffice_pdf.py")
            processes.run([python, str(script), binary, str(source), str(target), profile],
                          "LibreOffice")
            if target.exists() and target.stat().st_size > 0:
                listed = Path(f"{target}.toc.json")
                lines = json.loads(listed.read_text("utf-8")) if listed.exists() else []
                return target.read_bytes(), [str(line) for line in lines]
        proc = processes.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)], "LibreOffice")
        if proc.returncode != 0 or not target.exists():
            said = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
            raise ToolMissingError(f"LibreOffice could not convert the report: "
                                   f"{shown(said, 300)}")
        return target.read_bytes(), []


def render_report(ctx: BuildContext) -> dict[str, bytes]:
    template = ctx.options.get("template_bytes")
    if template is None and ctx.options.get("template"):
        template = read_template(ctx.options["template"])
    writer = ReportWriter(ctx, template)
    data = writer.write()
    name = ctx.model.report_file
    files = {name: data}
    if ctx.options.get("pdf"):
        pdf, contents = docx_to_pdf(data)
        files[name[: -len(".docx")] + ".pdf"] = pdf
        if contents:  # LibreOffice's layout gave the pages: the .docx lists them too
            files[name] = writer.with_toc_pages(contents)
    return files
