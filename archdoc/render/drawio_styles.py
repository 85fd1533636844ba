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
    "vpc": _GROUP + "grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;"
                    "verticalAlign=top;align=left;spacingLeft=30;fontColor=#AAB7B8;dashed=0;",
    "public_subnet": _GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
                              "strokeColor=#7AA116;fillColor=#F2F6E8;verticalAlign=top;"
                              "align=left;spacingLeft=30;fontColor=#248814;dashed=0;",
    "private_subnet": _GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;"
                               "strokeColor=#00A4A6;fillColor=#E6F6F7;verticalAlign=top;"
                               "align=left;spacingLeft=30;fontColor=#147EBA;dashed=0;",
    # draw.io draws an Availability Zone as a plain dashed rectangle; container=1 makes it one
    "az": "fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;fontStyle=0;"
          "fontColor=#147EBA;whiteSpace=wrap;html=1;container=1;collapsible=0;",
}

# A security group has no icon in the AWS set; the palette draws it as a red rectangle.
SECURITY_GROUP = ("fillColor=none;strokeColor=#DD3522;verticalAlign=top;fontStyle=0;"
                  "fontColor=#DD3522;whiteSpace=wrap;html=1;")

KIND_STYLES: dict[str, str] = {
    "users": resource_icon("#232F3D", "users"),
    "route53_zone": resource_icon("#8C4FFF", "hosted_zone"),
    "route53_record": service_icon("#8C4FFF", "route_53"),
    "acm_certificate": service_icon("#DD344C", "certificate_manager_3"),
    "cloudfront_distribution": service_icon("#8C4FFF", "cloudfront"),
    "internet_gateway": resource_icon("#8C4FFF", "internet_gateway"),
    "nat_gateway": resource_icon("#8C4FFF", "nat_gateway"),
    "route_table": resource_icon("#8C4FFF", "route_table"),
    "vpc_endpoint": resource_icon("#8C4FFF", "endpoints"),
    "security_group": SECURITY_GROUP,
    "alb": resource_icon("#8C4FFF", "application_load_balancer"),
    "target_group": resource_icon("#ED7100", "instances"),
    "ec2_instance": resource_icon("#ED7100", "instance2"),
    "autoscaling_group": resource_icon("#ED7100", "auto_scaling2"),
    "lambda_function": resource_icon("#ED7100", "lambda_function"),
    "iam_role": resource_icon("#DD344C", "role"),
    "s3_bucket": resource_icon("#7AA116", "bucket"),
    "ssm_session_manager": resource_icon("#E7157B", "systems_manager_session_manager"),
    "rds_instance": resource_icon("#C925D1", "rds_instance"),
}

# The palette's default AWS arrow, drawn as a curve through Graphviz's waypoints instead of
# orthogonally, so the draw.io page looks like the PNG.
EDGE = "html=1;endArrow=block;startArrow=none;endFill=1;strokeColor=#545B64;curved=1;"


def allowed_names() -> set[str]:
    """The aws4 names archdoc may emit (archdoc/data/drawio_aws4_shapes.txt)."""
    text = resources.files("archdoc").joinpath("data/drawio_aws4_shapes.txt").read_text("utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}
