"""Every kind has one drift story: compared, not an AWS resource, or not read (with why)."""

from __future__ import annotations

from archdoc.aws.collect import COLLECTORS
from archdoc.aws.session import READ_OPERATIONS
from archdoc.drift.compare import COMPARERS, FEATURES, NOT_IN_AWS, NOT_READ
from archdoc.drift.live import ADAPTERS
from archdoc.drift.locate import NATURAL_NAME
from archdoc.kinds import KINDS


def test_each_kind_is_in_exactly_one_place() -> None:
    for kind in KINDS:
        homes = [kind in COMPARERS, kind in NOT_IN_AWS, kind in NOT_READ]
        assert homes.count(True) == 1, kind
    assert set(COMPARERS) | NOT_IN_AWS | set(NOT_READ) == set(KINDS)


def test_compared_kinds_are_found_through_a_read_service() -> None:
    for kind in COMPARERS:
        service = FEATURES.get(kind) or ADAPTERS[kind][0]
        assert service in COLLECTORS and service in READ_OPERATIONS, kind
    assert set(NATURAL_NAME) <= set(ADAPTERS)
    assert all(reason for reason in NOT_READ.values())
