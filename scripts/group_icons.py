"""Draw archdoc's own small group icons for the AWS Cloud and a Region box (the diagrams
package ships none; AWS's own are not redistributed here). Committed under
archdoc/data/icons/; rerun to redraw: .venv/bin/python scripts/group_icons.py"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "archdoc" / "data" / "icons"
SIZE = 64  # drawn at 64 px, shown at about 14 pt


def cloud() -> Image.Image:
    """A cloud outline on the AWS Cloud group's dark squid-ink square."""
    img = Image.new("RGBA", (SIZE, SIZE), "#232F3E")
    d = ImageDraw.Draw(img)
    white = "#FFFFFF"
    for box in ((12, 26, 34, 48), (22, 14, 46, 40), (34, 24, 54, 46)):
        d.ellipse(box, fill=white)
    d.rectangle((20, 36, 46, 48), fill=white)
    for box in ((15, 29, 31, 45), (25, 17, 43, 37), (37, 27, 51, 43)):
        d.ellipse(box, fill="#232F3E")
    d.rectangle((22, 38, 44, 45), fill="#232F3E")
    return img


def region() -> Image.Image:
    """A flag, in the Region group's teal."""
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    teal = "#00A4A6"
    d.rectangle((14, 8, 18, 58), fill=teal)
    d.polygon([(18, 10), (52, 10), (44, 22), (52, 34), (18, 34)], fill=teal)
    return img


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    cloud().save(OUT / "aws-cloud.png", optimize=True)
    region().save(OUT / "region.png", optimize=True)
    print("wrote", OUT / "aws-cloud.png", OUT / "region.png")
