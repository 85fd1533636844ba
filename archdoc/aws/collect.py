"""Read every service a model needs, concurrently, into one ``Snapshot``.

A service that cannot be read (access denied, throttled beyond the retries, an endpoint that
does not implement a call) is recorded as unreadable with its reason; the other services are
still read. Only when the account itself does not answer does reading stop
(``AccountUnreadable``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from archdoc.aws.scope import Scope
from archdoc.aws.session import AccountUnreadable, AwsReader, Identity, ServiceUnreadable


@dataclass
class Snapshot:
    """What was read from one account and region."""

    identity: Identity
    read_at: datetime.datetime
    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    unreadable: dict[str, ServiceUnreadable] = field(default_factory=dict)

    def has(self, service: str) -> bool:
        return service in self.data


Progress = Callable[[str], None]  # called with a service's name when it has been read


def read_account(reader: AwsReader, scope: Scope, progress: Progress | None = None) -> Snapshot:
    """Every service of the reader's collectors that ``scope`` names (all, if it names none)."""
    identity = reader.identity()  # raises AccountUnreadable: nothing else is worth trying
    snapshot = Snapshot(identity, datetime.datetime.now(datetime.timezone.utc))
    collectors = {c.SERVICE: c for c in reader.collectors}
    services = [s for s in collectors if not scope.services or s in scope.services]
    for service in services:
        reader.client(service)  # clients are made here, in one thread: boto3 sessions are not
    with ThreadPoolExecutor(max_workers=len(services) or 1) as pool:
        futures = {service: pool.submit(collectors[service].collect, reader, scope)
                   for service in services}
        for service, future in futures.items():
            try:
                snapshot.data[service] = future.result()
            except Exception as exc:  # noqa: BLE001 - classified: never "no resources"
                snapshot.unreadable[service] = reader.unreadable(service, exc)
            if progress:
                progress(service)
    if services and len(snapshot.unreadable) == len(services) and all(
            not u.not_available for u in snapshot.unreadable.values()):
        reasons = "; ".join(sorted({u.reason for u in snapshot.unreadable.values()}))
        raise AccountUnreadable(f"no service of the account could be read: {reasons}")
    return snapshot
