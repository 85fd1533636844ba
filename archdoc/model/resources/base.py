"""What every resource has: its kind, label, role, how it is found in AWS, suppressed rules."""

from __future__ import annotations

from typing import ClassVar

from archdoc.model.strict import Field, Strict
from archdoc.model.types import LABEL_MAX, Label  # noqa: F401 (LABEL_MAX: re-exported)


class AwsLocator(Strict):
    """How the drift check finds the resource in a live account: every field given must
    match. Omitted: its own name (bucket_name, name, domain), else the Name tag equal to its id."""

    id: str | None = Field(None, description="resource id, e.g. i-0abc..., vpc-0abc...")
    arn: str | None = None
    name: str | None = Field(None, description="name as shown in the console")
    tags: dict[str, str] = Field(default_factory=dict, description="tags that identify it")


class SkipCheck(Strict):
    """A security rule turned off for this resource, with the reason the report shows."""

    id: str = Field(description="rule id, e.g. AD-NET-003")
    reason: str = Field(min_length=1, description="why the rule does not apply here")


class ResourceBase(Strict):
    """Every kind's fields. ``DETAILS`` names the fields a sketch may leave out: written
    without them a resource is valid, ``validate`` warns, and what needs them says unknown."""

    DETAILS: ClassVar[tuple[str, ...]] = ()
    # locator fields the drift check cannot match for this kind, and why: refused at validation
    UNLOCATABLE: ClassVar[dict[str, str]] = {}

    kind: str
    label: Label | None = Field(None, description="text under the icon; defaults to the id")
    region: str | None = Field(None, description="AWS region it lives in; default the model's "
                                                 "region")
    aws: AwsLocator | None = None
    definition: str | None = Field(
        None, description="what this AWS service is; overrides the built-in catalogue"
    )
    role: str | None = Field(None, description="what it does in this architecture")
    skip_checks: list[SkipCheck] = Field(
        default_factory=list, description="security rules turned off for this resource, each "
                                          "with its reason (shown in the report)")
