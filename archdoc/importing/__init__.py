"""Models from what exists: CloudFormation templates and Terraform states.

Each reader (``cloudformation``, ``terraform``) turns its input into :class:`Found` resources
(CloudFormation-shaped properties, references as :class:`Ref`); one resolver
(``resolve``) maps them to archdoc's kinds, folds the glue resources into the resources they
belong to, infers the flows and writes a model that validates (``write``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archdoc.errors import Diagnostic, Location


@dataclass(frozen=True)
class Ref:
    """A reference to another input resource (``!Ref X``, ``!GetAtt X.Arn``, a Terraform id)."""

    key: str
    attr: str | None = None


@dataclass
class Found:
    """One resource of the input, before it is mapped to a kind."""

    key: str  # unique across the inputs; the model id is made from it
    type: str  # its CloudFormation type (a Terraform type is translated)
    props: dict[str, Any]  # CloudFormation-shaped properties, references as Ref
    where: Location  # where it is written
    origin: str  # how the written model's comment names it: "Resources.WebServer"
    name: str | None = None  # its Name tag
    # what others refer to it by in the account (Terraform: its id, ARN, name)
    physical: dict[str, str] = field(default_factory=dict)
    aws: dict[str, str] = field(default_factory=dict)  # the ``aws:`` locator drift finds it by


@dataclass
class Notes:
    """What an import could not take as it is: located warnings, said and never fatal."""

    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, where: Location, message: str) -> None:
        self.items.append(Diagnostic(where, message, severity="warning"))


def kebab(name: str) -> str:
    """``PublicSubnet1`` -> ``public-subnet1``; ``web_alb`` -> ``web-alb``: a model id."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", text)
    text = re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.").lower()
    return (text or "resource")[:80]


__all__ = ["Found", "Notes", "Ref", "kebab"]
