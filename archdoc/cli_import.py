"""The commands that write a model from what exists: ``archdoc import cloudformation``,
``archdoc import terraform`` and ``archdoc discover`` (their arguments, and running them)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from archdoc.errors import EXIT_OK, UsageError

TYPE_CHECKING = False  # (typing only for mypy: see archdoc.errors)
if TYPE_CHECKING:
    from typing import Any


def add_import_arguments(sub: Any) -> None:
    imports = sub.add_parser(
        "import", help="write a model from CloudFormation templates or Terraform states",
        description="Write a model from what exists: resources mapped to archdoc's kinds (any "
                    "other AWS type kept as its CloudFormation type), glue folded into what "
                    "it belongs to, containment and flows resolved (never from mere "
                    "dependencies). Each resource's comment names where it came from. Exit 0 "
                    "written, 2 for an input that cannot be read.")
    sources = imports.add_subparsers(dest="source", metavar="SOURCE", required=True)
    cfn = sources.add_parser("cloudformation", help="templates (YAML or JSON; SAM, cdk synth)",
                             description="Templates given together form one model: "
                                         "Fn::ImportValue joins them on their exports.")
    cfn.add_argument("inputs", nargs="+", metavar="TEMPLATE")
    cfn.add_argument("--parameter", action="append", default=[], metavar="KEY=VALUE",
                     help="a parameter's value (else its default)")
    tf = sources.add_parser("terraform", help="state files or `terraform show -json` output",
                            description="State (format version 4) or `terraform show -json` "
                                        "(state or plan), modules and count/for_each "
                                        "instances included; other providers are skipped.")
    tf.add_argument("inputs", nargs="+", metavar="STATE")
    for each in (cfn, tf):
        each.add_argument("-o", "--output", metavar="FILE",
                          help="write the model to FILE (default: standard output)")
        each.add_argument("--region", help="the model's region (default: the input's, else "
                                           "us-east-1)")
        each.add_argument("--title", help="the model's title (default: the template's "
                                          "description or the files' names)")


def add_discover_arguments(sub: Any, add_account_options: Callable[..., None]) -> None:
    found = sub.add_parser(
        "discover", help="write a model from a live account (read-only)",
        description="Read the account through the same read-only layer as drift (only "
                    "allow-listed describe/list/get calls) and write a model of it: the VPCs "
                    "(--vpc, else every VPC of the region but the default one) and what "
                    "references them, each with the aws: locator drift finds it by. Exit 0 "
                    "written, 2 nothing found, 3 the account cannot be read.")
    found.add_argument("--vpc", action="append", default=[], metavar="ID",
                       help="a VPC to start from (its id or Name tag; repeatable)")
    found.add_argument("-o", "--output", metavar="FILE",
                       help="write the model to FILE (default: standard output)")
    found.add_argument("--title", help="the model's title (default: the account and region)")
    add_account_options(found, "region to read (default: AWS_REGION or the profile's)")



def run_import(args: argparse.Namespace) -> int:
    from archdoc.importing.run import discover_model, import_files
    from archdoc.output import check_folder, write_outputs

    parameters = {}
    for item in getattr(args, "parameter", []):
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--parameter takes KEY=VALUE, not '{item}'")
        parameters[key] = value
    target = Path(args.output) if args.output else None
    if target is not None:
        check_folder(target.parent)
    if args.command == "discover":
        result = discover_model(vpcs=args.vpc, region=args.region, profile=args.profile,
                                role_arn=args.role_arn, title=args.title,
                                output_name=str(target or "<discovered>"))
    else:
        files = [(name, Path(name).read_bytes()) for name in args.inputs]
        result = import_files(args.source, files, region=args.region, parameters=parameters,
                              title=args.title, output_name=str(target or "<imported>"))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if target is None:
        sys.stdout.write(result.text)
    else:
        write_outputs(target.parent, {target.name: result.text.encode("utf-8")})
        print(f"wrote {target}", file=sys.stderr)
    verb = "discovered" if args.command == "discover" else "imported"
    print(f"{verb} {result.resources} resources ({result.folded} parts folded into them), "
          f"{result.flows} flows; {len(result.warnings)} warning"
          f"{'s' if len(result.warnings) != 1 else ''}", file=sys.stderr)
    return EXIT_OK


__all__ = ["add_discover_arguments", "add_import_arguments", "run_import"]
