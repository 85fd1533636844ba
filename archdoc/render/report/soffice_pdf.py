"""Convert a .docx to PDF in LibreOffice with the table of contents and fields brought up to
date first, so the PDF's contents list page numbers (``--convert-to pdf`` exports the cached
TOC as it is); the contents' lines, with their page numbers, go to ``OUT.pdf.toc.json``.
Runs under the Python that has LibreOffice's UNO bridge (Debian: python3-uno), not archdoc's
own: ``python3 soffice_pdf.py SOFFICE IN.docx OUT.pdf PROFILE_URL``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def convert(soffice: str, source: str, target: str, profile: str) -> None:
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    pipe = f"archdoc{os.getpid()}"
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
         "--nologo", "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(300):  # LibreOffice takes a few seconds to start
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # not listening yet
                if office.poll() is not None:
                    raise SystemExit("LibreOffice exited while starting") from None
                time.sleep(0.1)
        if context is None:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)

        def prop(name: str, value: object) -> PropertyValue:
            p = PropertyValue()
            p.Name, p.Value = name, value
            return p

        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                           (prop("Hidden", True),))
        # Korean writes a particle against its word ("S3를"); LibreOffice's .docx import
        # ignores w:autoSpaceDE/DN and spaces Latin text from the Hangul after it
        styles = doc.getStyleFamilies().getByName("ParagraphStyles")
        for name in styles.getElementNames():
            style = styles.getByName(name)
            if style.getPropertySetInfo().hasPropertyByName("ParaIsCharacterDistance"):
                style.setPropertyValue("ParaIsCharacterDistance", False)
        doc.getTextFields().refresh()
        indexes = doc.getDocumentIndexes()
        contents = []
        for i in range(indexes.getCount()):
            index = indexes.getByIndex(i)
            index.update()  # page numbers, now that the layout exists
            contents += index.getAnchor().getString().splitlines()
        # the entries with their pages, for archdoc to write into the .docx's own contents
        with open(target + ".toc.json", "w", encoding="utf-8") as handle:
            json.dump(contents, handle, ensure_ascii=False)
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    convert(*sys.argv[1:5])
