"""No model-wide question costs a pass over every resource for each resource: the passes over
a model's resources (and over its flows) that the rules and the scene make are as many for
5,000 resources as for 1,000 (counted, not timed: a quadratic path shows as passes growing with
the model)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from archdoc.checks import evaluate
from archdoc.layout import build_scene
from archdoc.project import parse_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate_mixed  # noqa: E402  (the benchmarks' models, every kind)

pytestmark = pytest.mark.slow  # thousands of resources


class CountingResources(dict):
    """A model's resources, counting the passes over all of them."""

    passes = 0

    def _pass(self):
        type(self).passes += 1

    def __iter__(self):
        self._pass()
        return super().__iter__()

    def items(self):
        self._pass()
        return super().items()

    def values(self):
        self._pass()
        return super().values()

    def keys(self):
        self._pass()
        return super().keys()


class CountingFlows(list):
    """A model's flows, counting the passes over all of them."""

    passes = 0

    def __iter__(self):
        type(self).passes += 1
        return super().__iter__()


def passes_over(total: int) -> tuple[int, int, int]:
    model = parse_model(yaml.safe_dump(generate_mixed(total)))
    object.__setattr__(model, "resources", CountingResources(model.resources))
    object.__setattr__(model, "flows", CountingFlows(model.flows))
    CountingResources.passes = CountingFlows.passes = 0
    evaluate(model)
    build_scene(model)
    return CountingResources.passes, CountingFlows.passes, len(model.resources)


def test_passes_over_the_resources_do_not_grow_with_the_model():
    small, small_flows, small_n = passes_over(1000)
    large, large_flows, large_n = passes_over(5000)
    assert large_n > 4 * small_n
    assert small > 0 and small_flows > 0  # the counts do see the passes made
    assert large == small, f"{small} passes at {small_n} resources, {large} at {large_n}"
    assert large_flows == small_flows, f"flows: {small_flows} passes, then {large_flows}"
