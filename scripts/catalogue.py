"""Write archdoc/data/aws_types.json: every CloudFormation resource type, with its writable
properties, and every AWS service with its full name and icons (``make catalogue``).

Sources, none typed by hand:
- the types and their property schemas: cfn-lint's copy of the CloudFormation registry
  schemas (``cfnlint/data/schemas``: ``providers/<region>.json`` names each type's schema in
  ``resources/``), from the cfn-lint package given with ``--cfn-lint`` (a venv or site-packages);
- the services' full names: botocore's service models (``serviceFullName``);
- the icons: the AWS icon set the ``diagrams`` package ships (``resources/aws``), and the
  ``mxgraph.aws4`` names draw.io 14.6 knows (archdoc/data/drawio_aws4_shapes.txt).
Icons are matched by name; ``scripts/catalogue_overrides.yaml`` holds archdoc's own choices
where names do not match (and which services are global). The output is deterministic.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DRAWIO = ROOT / "archdoc" / "data" / "drawio_aws4_shapes.txt"
OVERRIDES = Path(__file__).with_name("catalogue_overrides.yaml")


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def words(name: str) -> list[str]:
    """CamelCase and punctuation split into lowercase words: "VPCEndpoint" -> [vpc, endpoint]."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2",
                                                          name))
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


def schemas(cfn_lint: Path) -> dict[str, dict]:
    found = sorted(cfn_lint.glob("**/cfnlint/data/schemas"))
    if not found:
        sys.exit(f"no cfnlint/data/schemas under {cfn_lint}")
    base = found[0]
    where: dict[str, str] = {}
    for provider in sorted(glob.glob(str(base / "providers" / "*.json"))):
        for name, digest in json.loads(Path(provider).read_text()).items():
            where.setdefault(name, digest)
    return {name: json.loads((base / "resources" / f"{digest}.json").read_text())
            for name, digest in sorted(where.items())}


def json_type(schema: dict, definitions: dict) -> str:
    """The property's JSON type, one level of $ref resolved; "" when it may be several."""
    if "$ref" in schema:
        target = schema["$ref"].rsplit("/", 1)[-1]
        schema = definitions.get(target, {})
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind
    if "properties" in schema:
        return "object"
    return ""


def type_entry(schema: dict) -> dict:
    read_only = {p.rsplit("/", 1)[-1] for p in schema.get("readOnlyProperties", [])}
    definitions = schema.get("definitions", {})
    props = {name: json_type(spec, definitions)
             for name, spec in sorted(schema.get("properties", {}).items())
             if name not in read_only}
    entry: dict = {"props": props}
    required = sorted(set(schema.get("required", [])) - read_only)
    if required:
        entry["required"] = required
    tagging = schema.get("tagging", {})
    if tagging.get("taggable", "Tags" in props):
        entry["tags"] = True
    return entry


def service_names() -> dict[str, tuple[str, str, str]]:
    """Normalised name -> (botocore service, its full name, its ARNs' service part), by every
    name a service goes by."""
    import botocore.session

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    index: dict[str, tuple[str, str, str]] = {}
    for service in sorted(session.get_available_services()):
        meta = loader.load_service_model(service, "service-2")["metadata"]
        full = meta.get("serviceFullName") or service
        for key in (service, meta.get("serviceId"), meta.get("endpointPrefix"),
                    meta.get("signingName"), full,
                    re.sub(r"^(Amazon|AWS)\s+", "", full)):
            if key:
                arn = meta.get("signingName") or meta.get("endpointPrefix") or service
                index.setdefault(norm(key), (service, full, arn))
    return index


def icons() -> list[str]:
    import diagrams

    root = Path(diagrams.__file__).resolve().parent.parent / "resources"
    return sorted(str(p.relative_to(root)) for p in (root / "aws").glob("*/*.png")
                  if not p.stem.endswith("-rounded"))


def drawio_names() -> set[str]:
    return {line.strip() for line in DRAWIO.read_text().splitlines()
            if line.strip() and not line.startswith("#")}


def best_icon(keys: list[str], candidates: list[str]) -> str | None:
    """The icon whose file name is one of ``keys`` (normalised), the shortest such name."""
    wanted = {k for k in keys if len(k) >= 2}
    hits = [c for c in candidates if norm(Path(c).stem) in wanted]
    return min(hits, key=len) if hits else None


_FILLER = {"amazon", "aws", "service", "services", "for", "the", "and", "of", "managed"}


def service_icon(namespace: str, full: str, candidates: list[str]) -> str | None:
    """The icon of a service: the file named after it (its abbreviation or its full name's
    words), preferring the name with the fewest other words (the service, not a resource)."""
    abbreviation = namespace.lower()
    name_words = [w for w in words(re.sub(r"\(.*?\)", "", full)) if w not in _FILLER]
    scored = []
    for c in candidates:
        stem_words = Path(c).stem.split("-")
        meaningful = [w for w in stem_words if w not in _FILLER]
        if name_words and all(w in meaningful for w in name_words):
            scored.append((len(meaningful) - len(name_words), c))
        elif abbreviation in stem_words and len(abbreviation) >= 2:
            scored.append((len(meaningful), c))
    return min(scored)[1] if scored else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cfn-lint", required=True, type=Path)
    parser.add_argument("--cfn-lint-version", default="")
    args = parser.parse_args()
    overrides = yaml.safe_load(OVERRIDES.read_text())
    types = schemas(args.cfn_lint)
    names = service_names()
    pngs = icons()
    shapes = drawio_names()
    services: dict[str, dict] = {}
    out_types: dict[str, dict] = {}
    for type_name, schema in types.items():
        provider, namespace, resource = type_name.split("::")
        key = f"{provider}::{namespace}"
        given = overrides["services"].get(key, {})
        if key not in services:
            found = names.get(norm(given.get("botocore", namespace)))
            full = given.get("name") or (found[1] if found else namespace)
            short = re.sub(r"^(Amazon|AWS)\s+", "", full)
            icon_keys = [norm(given["icon_name"])] if "icon_name" in given else [
                norm(short), norm(namespace), norm(full)]
            icon = given.get("icon") or best_icon(icon_keys, pngs) or service_icon(
                namespace, full, pngs)
            shape = given.get("drawio") or next(
                (s for s in (norm(namespace), norm(short).replace(" ", "_"))
                 if s in shapes), None) or next(
                (s for s in sorted(shapes) if norm(s) in (norm(short), norm(namespace))), None)
            arn = given.get("arn") or (found[2] if found else namespace.lower())
            services[key] = {k: v for k, v in (
                ("name", full), ("icon", icon), ("drawio", shape), ("arn", arn),
                ("global", bool(given.get("global")) or None),
                ("category", given.get("category"))) if v is not None}
        entry = type_entry(schema)
        given_type = overrides["types"].get(type_name, {})
        own_icon = services[key].get("icon")
        stem = norm(Path(own_icon).stem) if own_icon else norm(namespace)
        resource_keys = [stem + norm(resource), norm(namespace) + norm(resource)]
        icon = given_type.get("icon") or best_icon(resource_keys, pngs)
        if icon and icon != own_icon:
            entry["icon"] = icon
        shape = given_type.get("drawio") or next(
            (s for s in sorted(shapes) if norm(s) == norm(namespace + resource)), None)
        if shape and shape != services[key].get("drawio"):
            entry["drawio"] = shape
        out_types[type_name] = entry
    document = {
        "source": {
            "types": f"cfn-lint {args.cfn_lint_version} cfnlint/data/schemas (the CloudFormation "
                     "registry's resource schemas)",
            "names": "botocore service models (serviceFullName)",
            "icons": "the diagrams package's resources/aws; draw.io 14.6 mxgraph.aws4 names",
            "choices": "scripts/catalogue_overrides.yaml",
        },
        "services": dict(sorted(services.items())),
        "types": out_types,
    }
    # one type a line: a reviewable diff when the registry changes
    lines = ["{", f' "source": {json.dumps(document["source"], sort_keys=True)},',
             ' "services": {']
    lines += [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True, ensure_ascii=False)},"
              for k, v in document["services"].items()]
    lines[-1] = lines[-1].rstrip(",")
    lines += [" },", ' "types": {']
    lines += [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)},"
              for k, v in document["types"].items()]
    lines[-1] = lines[-1].rstrip(",")
    lines += [" }", "}"]
    sys.stdout.write("\n".join(lines) + "\n")
    for where, entry in [*services.items(), *out_types.items()]:
        if "icon" in entry and entry["icon"] not in pngs:
            sys.exit(f"{where}: no icon {entry['icon']} in the diagrams package")
        if "drawio" in entry and entry["drawio"] not in shapes:
            sys.exit(f"{where}: draw.io 14.6 has no mxgraph.aws4.{entry['drawio']}")
    missing = [k for k, v in services.items() if "icon" not in v]
    print(f"{len(out_types)} types, {len(services)} services; no icon: {missing}",
          file=sys.stderr)
    print(f"no draw.io shape: {[k for k, v in services.items() if 'drawio' not in v]}",
          file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
