"""draw.io style strings for AWS shapes and groups, as draw.io's own aws4 palette writes them.

Source: ../shared/reference/drawio-aws4-styles.md (read from draw.io's Sidebar-AWS4.js). The
names used here are listed in ``archdoc/data/drawio_aws4_shapes.txt``.
"""

from __future__ import annotations

from importlib import resources

_POINTS = ("points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],"
           "[0.75,1],[0.5,1],[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];")
_GROUP = (_POINTS + "outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;fontSize=12;"
          "fontStyle=0;container=1;pointerEvents=0;collapsible=0;recursiveResize=0;"
          "shape=mxgraph.aws4.group;")


def resource_icon(colour: str, name: str) -> str:
    """R(c): a resource icon drawn by its own stencil."""
    return ("sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;"
            f"fillColor={colour};strokeColor=none;dashed=0;verticalLabelPosition=bottom;"
            "verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;"
            f"pointerEvents=1;shape=mxgraph.aws4.{name};")


def service_icon(colour: str, name: str) -> str:
    """S(c): a service icon, the square resourceIcon shape with the service's glyph."""
    return ("sketch=0;points=[[0,0,0],[0.25,0,0],[0.5,0,0],[0.75,0,0],[1,0,0],[0,1,0],"
            "[0.25,1,0],[0.5,1,0],[0.75,1,0],[1,1,0],[0,0.25,0],[0,0.5,0],[0,0.75,0],"
            "[1,0.25,0],[1,0.5,0],[1,0.75,0]];outlineConnect=0;fontColor=#232F3E;"
            f"fillColor={colour};strokeColor=#ffffff;dashed=0;verticalLabelPosition=bottom;"
            "verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;"
            f"shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{name};")


GROUP_STYLES: dict[str, str] = {
    "cloud": _GROUP + "grIcon=mxgraph.aws4.group_aws_cloud_alt;strokeColor=#232F3E;"
                      "fillColor=none;verticalAlign=top;align=left;spacingLeft=30;"
                      "fontColor=#232F3E;dashed=0;",
    "region": _GROUP + "grIcon=mxgraph.aws4.group_region;strokeColor=#00A4A6;fillColor=none;"
                       "verticalAlign=top;align=left;spacingLeft=30;fontColor=#147EBA;dashed=1;",
    "vpc": _GROUP + "grIcon=mxgraph.aws4.group_vpc;strokeColor=#8C4FFF;fillColor=none;"
                    "verticalAlign=top;align=left;spacingLeft=30;fontColor=#AAB7B8;dashed=0;",
    "public_subnet": _GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
                              "strokeColor=#7AA116;fillColor=#F2F6E8;verticalAlign=top;"
                              "align=left;spacingLeft=30;fontColor=#248814;dashed=0;",
    "private_subnet": _GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
                               "strokeColor=#00A4A6;fillColor=#E6F6F7;verticalAlign=top;"
                               "align=left;spacingLeft=30;fontColor=#147EBA;dashed=0;",
    # the row at a VPC's foot of what serves the whole VPC: an invisible container
    "vpc_wide": "fillColor=none;strokeColor=none;verticalAlign=top;align=left;"
                "spacingLeft=8;fontStyle=0;fontColor=#545B64;whiteSpace=wrap;html=1;"
                "container=1;collapsible=0;",
    # draw.io draws an Availability Zone as a plain dashed rectangle; container=1 makes it one
    "az": "fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;fontStyle=0;"
          "fontColor=#147EBA;whiteSpace=wrap;html=1;container=1;collapsible=0;",
}

# A security group has no icon in the AWS set; it is drawn as a red dashed boundary round its
# members, its names at the top left (as AWS's reference architectures draw it).
SECURITY_GROUP = ("fillColor=none;strokeColor=#DD344C;dashed=1;rounded=1;arcSize=6;"
                  "verticalAlign=top;align=left;spacingLeft=4;spacingTop=-2;fontStyle=0;"
                  "fontSize=9;fontColor=#DD344C;whiteSpace=wrap;html=1;pointerEvents=0;")


def kind_style(kind: str) -> str:
    """The draw.io style of a resource kind, from its registry entry's shape."""
    from archdoc.kinds import kind_of

    form, colour, name = kind_of(kind).drawio
    if form == "resource":
        return resource_icon(colour, name)
    if form == "service":
        return service_icon(colour, name)
    return SECURITY_GROUP


# The palette's AWS arrow through archdoc's orthogonal route: straight segments between the
# waypoints, leaving and entering the icons at the ports the PNG uses (perimeter off), the
# label on a white ground where the PNG has it.
EDGE = ("html=1;endArrow=block;startArrow=none;endFill=1;strokeColor=#545B64;edgeStyle=none;"
        "rounded=0;exitPerimeter=0;entryPerimeter=0;labelBackgroundColor=#FFFFFF;fontSize=11;"
        "fontColor=#232F3E;")
REPLICATION = "dashed=1;startArrow=block;startFill=1;"
BADGE = ("labelBackgroundColor=#232F3E;fontColor=#FFFFFF;fontSize=9;fontStyle=1;"
         "spacingLeft=3;spacingRight=3;")
LEGEND = ("text;html=1;align=left;verticalAlign=top;whiteSpace=wrap;fontSize=11;"
          "fontColor=#232F3E;strokeColor=none;fillColor=none;")


def allowed_names() -> set[str]:
    """The aws4 names archdoc may emit (archdoc/data/drawio_aws4_shapes.txt)."""
    text = resources.files("archdoc").joinpath("data/drawio_aws4_shapes.txt").read_text("utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}
