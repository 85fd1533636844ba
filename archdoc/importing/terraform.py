"""Terraform states (format version 4) and ``terraform show -json`` output (a state's
``values`` or a plan's ``planned_values``) read into :class:`Found` resources: modules and
``count`` / ``for_each`` instances each their own resource, ``aws_*`` attributes translated
to the CloudFormation properties the resolver reads (``tf_types``), references kept as the
account's ids and ARNs the state holds (the resolver looks them up). Other providers'
resources and data sources are skipped with a note."""

from __future__ import annotations

import json
import re
from typing import Any

from archdoc.errors import Diagnostic, Location, ModelError
from archdoc.importing import Found, Notes, kebab
from archdoc.importing.tf_types import TRANSLATE, open_type, post_process
from archdoc.model.loader import decode

_EC2_ID = re.compile(r"^[a-z]+(-[a-z]+)?-[0-9a-f]{8,17}$")
_REGION = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(-[a-z]+)+-\d):")


def read_states(files: list[tuple[str, bytes]]) -> tuple[list[Found], Notes, str | None]:
    notes = Notes()
    found: list[Found] = []
    problems: list[Diagnostic] = []
    region: str | None = None
    for name, raw in files:
        try:
            items = _instances(name, decode(raw, name))
        except ModelError as exc:
            problems += exc.diagnostics
            continue
        skipped: dict[str, int] = {}
        for address, tf_type, attrs, line in items:
            where = Location(name, line, 1)
            if not tf_type.startswith("aws_"):
                skipped[tf_type.split("_")[0]] = skipped.get(tf_type.split("_")[0], 0) + 1
                continue
            region = region or _region_of(attrs)
            translated = TRANSLATE.get(tf_type)
            if translated:
                cfn_type: str | None = translated[0]
                props = translated[1](attrs)
            else:
                cfn_type, props = open_type(tf_type), _placement(attrs)
            if cfn_type is None:
                notes.warn(where, f"{address}: no CloudFormation type answers to {tf_type}; "
                                  "left out")
                continue
            tags = attrs["tags"] if isinstance(attrs.get("tags"), dict) else {}
            found.append(Found(address, cfn_type, props, where, address,
                               name=tags.get("Name") if isinstance(tags.get("Name"), str)
                               else None, physical=_physical(attrs),
                               aws=locator(_physical(attrs))))
        for provider, count in sorted(skipped.items()):
            notes.warn(Location(name, 1, 1), f"{count} resource{'s' if count != 1 else ''} "
                                             f"of provider '{provider}' skipped: archdoc "
                                             "imports AWS only")
    if problems:
        raise ModelError(problems)
    found = post_process(found, notes)
    _rename(found)
    return found, notes, region


def _instances(name: str, text: str) -> list[tuple[str, str, dict[str, Any], int]]:
    """(address, type, attributes, line) of every managed resource instance."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError([Diagnostic(Location(name, exc.lineno, exc.colno),
                                     f"not a Terraform state: invalid JSON ({exc.msg})")]) \
            from None
    lines = _lines_of(text)
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        if data.get("version") != 4:
            raise ModelError([Diagnostic(Location(name, 1, 1), f"state format version "
                                         f"{data.get('version')}; archdoc reads version 4 "
                                         "(Terraform 0.12 and later)")])
        out = []
        for r in data["resources"]:
            if not isinstance(r, dict) or r.get("mode") != "managed":
                continue
            base = ".".join(p for p in (r.get("module"), f"{r.get('type')}.{r.get('name')}")
                            if p)
            for inst in r.get("instances") or []:
                key = inst.get("index_key")
                address = base if key is None else f"{base}[{json.dumps(key)}]"
                out.append((address, str(r.get("type")), inst.get("attributes") or {},
                            lines.get(f'"{r.get("name")}"', 1)))
        return out
    values = data.get("values") or data.get("planned_values") if isinstance(data, dict) \
        else None
    if not isinstance(values, dict) or not isinstance(values.get("root_module"), dict):
        raise ModelError([Diagnostic(Location(name, 1, 1), "not a Terraform state: neither "
                                     "'resources' (a state file) nor 'values' / "
                                     "'planned_values' (terraform show -json)")])
    out = []
    stack = [values["root_module"]]
    while stack:
        module = stack.pop()
        for r in module.get("resources") or []:
            if isinstance(r, dict) and r.get("mode") == "managed":
                out.append((str(r.get("address")), str(r.get("type")), r.get("values") or {},
                            lines.get(f'"{r.get("address")}"', 1)))
        stack.extend(reversed([m for m in module.get("child_modules") or []
                               if isinstance(m, dict)]))
    return out


def _lines_of(text: str) -> dict[str, int]:
    """The line each quoted name is first written on (a resource's place in the file)."""
    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        for token in re.findall(r'"[^"\n]{1,200}"', line):
            out.setdefault(token, number)
    return out


def _region_of(attrs: dict[str, Any]) -> str | None:
    arn = attrs.get("arn")
    match = _REGION.match(arn) if isinstance(arn, str) else None
    if match:
        return match.group(1)
    zone = attrs.get("availability_zone")
    return zone[:-1] if isinstance(zone, str) and zone[-1:].isalpha() else None


def _physical(attrs: dict[str, Any]) -> dict[str, str]:
    """What others refer to it by: its id, ARN and the names a state uses in references."""
    out = {k: attrs[k] for k in ("id", "arn", "name", "bucket", "dns_name", "invoke_arn",
                                 "bucket_regional_domain_name", "domain_name", "zone_id",
                                 "root_resource_id", "function_name")
           if isinstance(attrs.get(k), str) and attrs[k]}
    return out


def _placement(attrs: dict[str, Any]) -> dict[str, Any]:
    """An open-set type's place, from the attributes every provider resource names alike."""
    return {k: attrs[t] for k, t in (("SubnetId", "subnet_id"), ("SubnetIds", "subnet_ids"),
                                     ("VpcId", "vpc_id"),
                                     ("SecurityGroupIds", "security_group_ids"))
            if attrs.get(t)}


def _rename(found: list[Found]) -> None:
    """Keys from addresses: ``module.vpc.aws_subnet.public[0]`` -> ``public-0``, the module
    or type added only where two would be the same."""
    def short(f: Found, level: int) -> str:
        parts = f.key.split(".")
        name = parts[-1]
        modules = [p for i, p in enumerate(parts[:-2]) if i % 2 == 1]
        if level == 0 and name.split("[")[0] in ("this", "main", "default", "example") \
                and modules:
            name = modules[-1] + name[len(name.split("[")[0]):]
        elif level >= 1:
            name = "-".join(modules[-1:] + [parts[-2].removeprefix("aws_"), name])
        return kebab(name.replace("[", "-").replace("]", "").replace('"', ""))

    from archdoc.importing.glue import HANDLERS

    names: dict[str, str] = {}
    named = [f for f in found if f.type not in HANDLERS]  # glue's keys are never model ids
    for level in (0, 1):
        counts: dict[str, int] = {}
        for f in named:
            counts[short(f, level)] = counts.get(short(f, level), 0) + 1
        for f in named:
            if f.key not in names and counts[short(f, level)] == 1:
                names[f.key] = short(f, level)
    taken: set[str] = set()
    for f in found:
        f.origin = f.key
        key = names.get(f.key) or kebab(f.key)
        while key in taken:
            key += "-x"
        taken.add(key)
        f.key = key


def locator(physical: dict[str, str]) -> dict[str, str]:
    """The ``aws:`` locator written for drift: the account's id where it is one (vpc-..),
    else the ARN."""
    ident = physical.get("id", "")
    if _EC2_ID.match(ident):
        return {"id": ident}
    return {"arn": physical["arn"]} if physical.get("arn") else {}


__all__ = ["locator", "read_states"]
