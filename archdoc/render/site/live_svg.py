"""The site's diagram is live: each icon says what it is on hover and links to its page.

Read and written with lxml (python-docx's XML library, so no new dependency): the standard
library's ElementTree writes in Python, and was most of the site's time.
"""

from __future__ import annotations

import re

from lxml import etree as ET

from archdoc.layout.scene import Scene

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Graphviz's own SVG: no DTD loaded, no entity expanded, no network; its icons (data URIs)
# may be longer than lxml's default limit on one text
_PARSER = ET.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True)


def live_svg(svg: bytes, scene: Scene, tooltips: dict[str, str], links: dict[str, str]) -> str:
    """``svg`` (self-contained, Graphviz's) with each node's title set to ``tooltips[resource]``
    and wrapped in a link to ``links[resource]``; returned as one ``<svg>`` element, no blank
    lines (Markdown ends a raw HTML block at a blank line)."""
    root = ET.fromstring(svg, _PARSER)
    flows = {(e.tail, e.head): e.label for e in scene.edges}
    clusters = {f"cluster_{g.id}": " ".join(g.label.split()) for g in scene.groups()}
    for group in root.iter(f"{{{SVG}}}g"):
        if group.get("class") == "edge":  # Graphviz's "n_a->n_b": said as the flow it is
            _edge_title(group, scene, flows)
            continue
        if group.get("class") == "cluster":  # "cluster_g_vpc-1": the group's own name
            title = group.find(f"{{{SVG}}}title")
            if title is not None and title.text in clusters:
                title.text = clusters[title.text]
            continue
        if group.get("class") != "node":
            continue
        title = group.find(f"{{{SVG}}}title")
        if title is not None and title.text and title.text.startswith("boundary of "):
            owner = scene.nodes.get(title.text.removeprefix("boundary of "))
            title.text = owner.boundary if owner else ""  # the security groups' names
            continue
        node = scene.nodes.get(title.text or "") if title is not None else None
        if node is None or title is None:
            continue
        rid = node.resources[0]
        title.text = "\n".join(tooltips[r] for r in node.resources if r in tooltips)
        for inner in group.iter(f"{{{SVG}}}a"):  # Graphviz's tooltip anchor: the same text
            if inner.get(f"{{{XLINK}}}title") is not None:
                inner.set(f"{{{XLINK}}}title", title.text)
        group.set("data-resource", rid)
        target = links.get(rid)
        if target is None:
            continue
        children = [c for c in list(group) if c is not title]
        link = ET.SubElement(group, f"{{{SVG}}}a", {f"{{{XLINK}}}href": target, "href": target,
                                                    "target": "_top",
                                                    "style": "text-decoration: none"})
        for child in children:  # Graphviz's own <a> (tooltips) keeps its content
            group.remove(child)
            link.append(child)
    root.set("class", "archdoc-diagram-svg")
    first = root.find(f"{{{SVG}}}g/{{{SVG}}}title")
    if first is not None and first.text == "architecture":  # the graph's own: no tooltip
        first.text = ""
    # the page's width, the viewBox's proportions: Graphviz's fixed size in pt would overflow
    width = root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("width", "100%")
    root.set("style", f"max-width: {width or '100%'}; height: auto;")
    text = ET.tostring(root, encoding="unicode")
    return re.sub(r"\n\s*\n", "\n", text)


def _edge_title(group: ET._Element, scene: Scene, flows: dict[tuple[str, str], str]) -> None:
    title = group.find(f"{{{SVG}}}title")
    if title is None or not title.text or "->" not in title.text:
        return
    tail, _, head = title.text.partition("->")
    if tail not in scene.nodes or head not in scene.nodes:
        return
    label = flows.get((tail, head), "")
    said = f"{scene.nodes[tail].label} → {scene.nodes[head].label}".replace("\n", " ")
    title.text = f"{said}: {label}".replace("\n", " ") if label else said
    for inner in group.iter(f"{{{SVG}}}a"):
        if inner.get(f"{{{XLINK}}}title") is not None:
            inner.set(f"{{{XLINK}}}title", title.text)
