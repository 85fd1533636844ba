"""CloudFormation templates (YAML with short-form tags, or JSON; ``cdk synth`` output; SAM)
read into :class:`Found` resources, as CloudFormation itself would see them: parameters take
their defaults (or ``--parameter`` values), conditions are evaluated with them, intrinsic
functions are resolved where their values are known, ``Fn::ImportValue`` joins the templates
on their exports. What cannot be resolved becomes ``None`` with a located warning."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Any

from archdoc.errors import Diagnostic, ModelError
from archdoc.importing import Found, Notes, Ref
from archdoc.importing.sam import expand_sam
from archdoc.importing.template import Template
from archdoc.model.loader import decode, load_yaml

FUNCTIONS = frozenset("!" + name for name in (
    "Ref", "Condition", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "Not",
    "And", "Or", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Length",
    "ToJsonString", "Transform", "ForEach", "FindInMap",
    # the functions of a template's Rules, read and never evaluated
    "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll"))
ACCOUNT = "123456789012"  # AWS::AccountId of a template read offline (AWS's example account)
NO_VALUE = object()  # AWS::NoValue: the property is left out
_SUB = re.compile(r"\$\{([^}!][^}]*)\}")


def read_templates(files: list[tuple[str, bytes]], region: str,
                   overrides: dict[str, str]) -> tuple[list[Found], Notes, list[str]]:
    """The resources of every template (one model), the warnings, and the templates'
    descriptions. Raises ModelError for a file that is not a template."""
    notes = Notes()
    templates, problems = [], []
    for name, raw in files:
        try:
            templates.append(_load(name, raw, region, notes))
        except ModelError as exc:
            problems += exc.diagnostics
    if problems:
        raise ModelError(problems)
    taken: set[str] = set()
    for template in templates:  # a logical id used twice: the later one takes its file's name
        for logical, res in template.data["Resources"].items():
            key = _cdk_name(res, taken) or logical
            key = key if key not in taken else f"{template.stem}-{logical}"
            taken.add(key)
            template.keys[logical] = key
    exports: dict[str, Any] = {}
    evaluators = [_Evaluator(t, exports, notes, overrides) for t in templates]
    for ev in evaluators:
        ev.collect_exports()
    found: list[Found] = []
    for ev in evaluators:
        found += ev.resources()
    descriptions = [str(t.data["Description"]).strip() for t in templates
                    if isinstance(t.data.get("Description"), str)]
    return found, notes, descriptions


def _cdk_name(res: dict[str, Any], taken: set[str]) -> str | None:
    """``cdk synth`` names resources ``Queue4A7E3555``; its construct path
    (``Stack/Orders/Queue/Resource``) says ``Orders-Queue``."""
    path = (res.get("Metadata") or {}).get("aws:cdk:path") if isinstance(res.get("Metadata"),
                                                                            dict) else None
    if not isinstance(path, str) or "/" not in path:
        return None
    parts = [p for p in path.split("/")[1:] if p not in ("Resource", "Default")]
    name = "-".join(parts)[:60]
    return name if name and name not in taken else None


def _load(name: str, raw: bytes, region: str, notes: Notes) -> Template:
    text = decode(raw, name)
    if text.lstrip().startswith("{"):  # JSON: a tab is whitespace there, not in YAML
        text = text.replace("\t", " ")
    data, smap = load_yaml(text, name, functions=FUNCTIONS)
    if smap.problems:
        raise ModelError(smap.problems)
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict) \
            or not data["Resources"]:
        raise ModelError([Diagnostic(smap.location(smap.value(("Resources",))),
                                     "not a CloudFormation template: it has no Resources")])
    bad = [Diagnostic(smap.location(smap.key(("Resources", k))),
                      f"resource '{k}' has no Type") for k, v in data["Resources"].items()
           if not isinstance(v, dict) or not isinstance(v.get("Type"), str)]
    if bad:
        raise ModelError(bad)
    template = Template(name, data, smap, region)
    expand_sam(template, notes)
    return template


class _Evaluator:
    def __init__(self, template: Template, exports: dict[str, Any], notes: Notes,
                 overrides: dict[str, str]):
        self.t = template
        self.exports = exports
        self.notes = notes
        self.overrides = overrides
        self.params: dict[str, Any] = {}
        self._parameters()

    # -- the template's own values ---------------------------------------------------------

    def _parameters(self) -> None:
        declared = self.t.data.get("Parameters") or {}
        if not isinstance(declared, dict):
            return
        for name, spec in declared.items():
            spec = spec if isinstance(spec, dict) else {}
            kind = str(spec.get("Type", "String"))
            if name in self.overrides:
                value: Any = self.overrides[name]
            elif "Default" in spec:
                value = spec["Default"]
            else:
                self.notes.warn(self.t.where(("Parameters", name)),
                                f"parameter {name} has no default; what uses it is left "
                                f"unresolved (give --parameter {name}=VALUE)")
                value = None
            if value is not None and (kind.startswith("List<") or kind == "CommaDelimitedList"):
                value = [v.strip() for v in str(value).split(",") if v.strip()] \
                    if not isinstance(value, list) else value
            self.params[name] = value

    def collect_exports(self) -> None:
        outputs = self.t.data.get("Outputs") or {}
        for name, out in (outputs.items() if isinstance(outputs, dict) else ()):
            if not isinstance(out, dict) or not isinstance(out.get("Export"), dict):
                continue
            path = ("Outputs", name)
            if "Condition" in out and not self.condition(str(out["Condition"]), path):
                continue
            export = self.value(out["Export"].get("Name"), path + ("Export", "Name"))
            if isinstance(export, str):
                self.exports[export] = self.value(out.get("Value"), path + ("Value",))

    def condition(self, name: str, path: tuple[Any, ...]) -> bool:
        if name in self.t.conditions:
            return self.t.conditions[name]
        conditions = self.t.data.get("Conditions") or {}
        if name not in conditions:
            self.notes.warn(self.t.where(path), f"condition {name} is not defined; taken "
                                                "as true")
            return True
        self.t.conditions[name] = True  # a condition naming itself ends here
        self.t.conditions[name] = bool(self.value(conditions[name], ("Conditions", name)))
        return self.t.conditions[name]

    def resources(self) -> list[Found]:
        found = []
        for logical, res in self.t.data["Resources"].items():
            path = ("Resources", logical)
            if "Condition" in res and not self.condition(str(res["Condition"]), path):
                self.notes.warn(self.t.where(path + ("Condition",)),
                                f"{logical} is left out: its condition {res['Condition']} "
                                "is false with these parameters")
                continue
            props = self.value(res.get("Properties") or {}, path + ("Properties",))
            props = props if isinstance(props, dict) else {}
            found.append(Found(self.t.keys[logical], res["Type"], props,
                               self.t.where(path), f"Resources.{logical}",
                               name=_name_tag(props)))
        return found

    # -- intrinsic functions ---------------------------------------------------------------

    def value(self, v: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(v, dict):
            if len(v) == 1:
                (fn, arg), = v.items()
                if fn == "Ref":
                    return self.ref(arg, path)
                if fn == "Condition":
                    return self.condition(str(arg), path)
                if isinstance(fn, str) and fn.startswith("Fn::"):
                    return self.function(fn, arg, path + (fn,))
            out = {}
            for k, x in v.items():
                value = self.value(x, path + (k,))
                if value is not NO_VALUE:
                    out[k] = value
            return out
        if isinstance(v, list):
            items = [self.value(x, path + (i,)) for i, x in enumerate(v)]
            return [x for x in items if x is not NO_VALUE]
        return v

    def ref(self, name: Any, path: tuple[Any, ...]) -> Any:
        name = str(name)
        if name in self.params:
            return self.params[name]
        pseudo = {"AWS::Region": self.t.region, "AWS::AccountId": ACCOUNT,
                  "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com",
                  "AWS::StackName": self.t.stem, "AWS::StackId": f"arn:aws:cloudformation:"
                  f"{self.t.region}:{ACCOUNT}:stack/{self.t.stem}", "AWS::NotificationARNs": []}
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in pseudo:
            return pseudo[name]
        if name in self.t.keys:
            return Ref(self.t.keys[name])
        self.notes.warn(self.t.where(path), f"Ref {name}: no such parameter or resource")
        return None

    def function(self, fn: str, arg: Any, path: tuple[Any, ...]) -> Any:
        if fn == "Fn::If":
            if isinstance(arg, list) and len(arg) == 3:
                chosen = 1 if self.condition(str(arg[0]), path) else 2
                return self.value(arg[chosen], path + (chosen,))
            return self._bad(fn, path)
        if fn == "Fn::GetAtt":
            parts = arg.split(".", 1) if isinstance(arg, str) else self.value(arg, path)
            if not isinstance(parts, list) or len(parts) != 2 or parts[0] not in self.t.keys:
                return self._bad(fn, path, "names no resource of this template")
            return self.attribute(str(parts[0]), str(parts[1]))
        if fn == "Fn::Sub":
            return self.sub(arg, path)
        value = self.value(arg, path)
        if fn == "Fn::Join" and isinstance(value, list) and len(value) == 2 \
                and isinstance(value[1], list):
            items = value[1]
            if len(items) == 1:
                return items[0]
            return str(value[0]).join(_text(x) for x in items)
        if fn == "Fn::Select" and isinstance(value, list) and len(value) == 2:
            index, items = value
            if isinstance(items, list) and str(index).isdigit() and int(index) < len(items):
                return items[int(index)]
            if items is None or items == []:  # an unset parameter: already said
                return None
            return self._bad(fn, path, "index is out of the list")
        if fn == "Fn::Split" and isinstance(value, list) and len(value) == 2 \
                and isinstance(value[1], str):
            return value[1].split(str(value[0]))
        if fn == "Fn::GetAZs":
            region = value or self.t.region
            return [f"{region}{zone}" for zone in "abc"]
        if fn == "Fn::FindInMap" and isinstance(value, list) and len(value) >= 3:
            found = (self.t.data.get("Mappings") or {}).get(value[0], {})
            for key in value[1:3]:
                found = found.get(str(key)) if isinstance(found, dict) else None
            if found is None and len(value) == 4 and isinstance(value[3], dict):
                found = value[3].get("DefaultValue")
            return found if found is not None else self._bad(fn, path, "no such entry")
        if fn == "Fn::ImportValue":
            if isinstance(value, str) and value in self.exports:
                return self.exports[value]
            # exports are usually named STACK:NAME, and a stack's name is not in its file:
            # one export of the same NAME is the one meant
            suffix = str(value).rsplit(":", 1)[-1] if isinstance(value, str) else None
            like = [k for k in self.exports if suffix and k.rsplit(":", 1)[-1] == suffix]
            if len(like) == 1:
                self.notes.warn(self.t.where(path), f"Fn::ImportValue '{value}': taken as "
                                                    f"the export '{like[0]}' of another "
                                                    "template given")
                return self.exports[like[0]]
            return self._bad(fn, path, f"no template given exports '{value}'")
        if fn == "Fn::Equals" and isinstance(value, list) and len(value) == 2:
            return _text(value[0]) == _text(value[1])
        if fn in ("Fn::And", "Fn::Or") and isinstance(value, list):
            return all(bool(x) for x in value) if fn == "Fn::And" else any(bool(x) for x in value)
        if fn == "Fn::Not" and isinstance(value, list) and len(value) == 1:
            return not value[0]
        if fn == "Fn::Base64":
            return value
        if fn == "Fn::Cidr" and isinstance(value, list) and len(value) == 3:
            cidrs = _cidrs(value)
            if not cidrs:
                self._bad(fn, path, "the block is not known")
            return cidrs or None
        if fn == "Fn::Length" and isinstance(value, list):
            return len(value)
        return self._bad(fn, path)

    def attribute(self, logical: str, attr: str) -> Any:
        """``!GetAtt X.Attr``: a reference, or a value the template itself gives."""
        res = self.t.data["Resources"][logical]
        if attr == "CidrBlock" and res.get("Type") == "AWS::EC2::VPC":
            return self.value((res.get("Properties") or {}).get("CidrBlock"),
                              ("Resources", logical, "Properties", "CidrBlock"))
        return Ref(self.t.keys[logical], attr)

    def sub(self, arg: Any, path: tuple[Any, ...]) -> Any:
        text, names = (arg, {}) if isinstance(arg, str) else \
            (arg[0], arg[1]) if isinstance(arg, list) and len(arg) == 2 else (None, {})
        if not isinstance(text, str) or not isinstance(names, dict):
            return self._bad("Fn::Sub", path)
        values = {k: self.value(v, path + (1, k)) for k, v in names.items()}

        def one(name: str) -> Any:
            if name in values:
                return values[name]
            if "." in name and name.split(".", 1)[0] in self.t.keys:
                return self.attribute(*name.split(".", 1))
            return self.ref(name, path)

        whole = _SUB.fullmatch(text)
        if whole:
            return one(whole.group(1))
        return _SUB.sub(lambda m: _text(one(m.group(1))), text).replace("${!", "${")

    def _bad(self, fn: str, path: tuple[Any, ...], why: str = "cannot be resolved") -> None:
        self.notes.warn(self.t.where(path), f"{fn} {why}; the value is left out")
        return None


def _text(value: Any) -> str:
    if isinstance(value, Ref):
        return "${" + value.key + (f".{value.attr}" if value.attr else "") + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _cidrs(value: list[Any]) -> list[str]:
    block, count, bits = value
    try:
        network = ipaddress.ip_network(str(block), strict=False)
        prefix = network.max_prefixlen - int(bits)
        subnets = network.subnets(new_prefix=prefix)
        return [str(next(subnets)) for _ in range(int(count))]
    except (ValueError, StopIteration):
        return []


def _name_tag(props: dict[str, Any]) -> str | None:
    tags = props.get("Tags")
    if isinstance(tags, list):
        for tag in tags:
            if isinstance(tag, dict) and tag.get("Key") == "Name" and \
                    isinstance(tag.get("Value"), str):
                return tag["Value"]
    if isinstance(tags, dict) and isinstance(tags.get("Name"), str):
        return tags["Name"]
    return None


def read_files(paths: list[str]) -> list[tuple[str, bytes]]:
    return [(p, Path(p).read_bytes()) for p in paths]


__all__ = ["read_files", "read_templates"]
