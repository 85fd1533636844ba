"""Names AWS keeps unique: two resources of a model with one such name would be refused by AWS
(and would be one resource to the drift check), so validation refuses them, naming both places.

Each entry: the kind, the field holding the name, and the scope the name is unique in:
``partition`` (S3 bucket names: every account), ``account`` (IAM), ``region`` or ``vpc``.
"""

from __future__ import annotations

from archdoc.errors import Diagnostic, shown
from archdoc.model.loader import SourceMap
from archdoc.model.resources.base import ResourceBase

UNIQUE: tuple[tuple[str, str, str], ...] = (
    ("s3_bucket", "bucket_name", "partition"),
    ("iam_role", "name", "account"),
    ("security_group", "name", "vpc"),
    ("sqs_queue", "name", "region"),
    ("sns_topic", "name", "region"),
    ("dynamodb_table", "name", "region"),
    ("ecs_cluster", "name", "region"),
    ("eks_cluster", "name", "region"),
)

_SCOPE_WORDS = {"partition": "in all of AWS", "account": "in an account",
                "region": "in a region", "vpc": "in a VPC"}


def check_unique_names(typed: dict[str, ResourceBase], region: str,
                       smap: SourceMap) -> list[Diagnostic]:
    """One pass over the resources (a dict per scope): linear in their number."""
    seen: dict[tuple[str, str, str, str], str] = {}
    diags = []
    rules = {kind: (field, scope) for kind, field, scope in UNIQUE}
    for rid, res in typed.items():
        rule = rules.get(res.kind)
        if rule is None:
            continue
        field, scope = rule
        name = getattr(res, field, None)
        if not isinstance(name, str) or not name:
            continue
        where = {"partition": "", "account": "",
                 "region": res.region or region,
                 "vpc": str(getattr(res, "vpc", "") or "")}[scope]
        key = (res.kind, field, where, name)
        first = seen.setdefault(key, rid)
        if first == rid:
            continue
        mark = smap.value(("resources", first, field))
        diags.append(smap.diagnostic(
            ("resources", rid, field),
            f"{res.kind} {field} '{shown(name)}' is already used by '{shown(first)}' (line "
            f"{mark.line}); AWS keeps it unique {_SCOPE_WORDS[scope]}"))
    return diags
