"""Read-only access to an AWS account: every client archdoc makes, and the guard on each.

archdoc only reads. Every client comes from ``AwsReader.client``, which registers a hook that
runs before botocore builds a request: an operation not on the reader's allow-list raises
``WriteRefused`` there, so nothing is sent. The list is explicit, operation by operation, each
collector (``archdoc.aws.<service>``) declaring the operations it calls in ``OPERATIONS``; a
prefix rule would let ``GetSecretValue`` or ``GetPasswordData`` through.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from archdoc.errors import ArchdocError
from archdoc.text import say

# Who and where the reader is, and the role it may assume: the calls every reader may make.
# None returns a secret (no GetSecretValue, GetParameter, GetPasswordData, GetObject, and no
# GetSessionToken: AssumeRole's credentials stay in memory, never in an output).
STS_OPERATIONS = frozenset({"GetCallerIdentity", "AssumeRole"})

# AWS error codes that mean "you may not read this", or "not now": the resources behind them
# are UNKNOWN, never MISSING.
DENIED = frozenset({
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
    "AuthorizationError", "AuthFailure", "Forbidden", "403",
})
THROTTLED = frozenset({
    "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
    "SlowDown", "RequestThrottled", "PriorRequestNotComplete",
})


class WriteRefused(ArchdocError):
    """An operation outside the read allow-list was attempted; it was not sent."""


class AccountUnreadable(ArchdocError):
    """The account cannot be read at all: no credentials, endpoint down, credentials refused."""


class ServiceUnreadable(Exception):
    """One service could not be read (access denied, throttled, endpoint trouble)."""

    def __init__(self, service: str, reason: str, *, not_available: bool = False):
        super().__init__(f"{service}: {reason}")
        self.service = service
        self.reason = reason
        self.not_available = not_available  # the endpoint does not implement the call


_ACCESS_KEY = re.compile(r"\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """``text`` without access key ids or the given secret values."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return _ACCESS_KEY.sub("***", text)


@dataclass
class CallStats:
    """API calls per service (each logical call once) and HTTP attempts (retries included)."""

    calls: Counter[str] = field(default_factory=Counter)
    attempts: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, counter: Counter[str], service: str) -> None:
        with self._lock:
            counter[service] += 1

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@dataclass(frozen=True)
class Identity:
    account: str
    region: str
    arn: str


class AwsReader:
    """boto3 clients for one account and region, each refusing every non-read operation.

    ``session`` is a ``boto3.Session`` (the standard credential chain, ``AWS_ENDPOINT_URL`` and
    its per-service variants apply); it is passed in, never made at import time.
    ``collectors`` are the service modules it reads for: their ``OPERATIONS`` (and STS's) are
    all it will call.
    """

    def __init__(self, session: Any, region: str, collectors: Iterable[ModuleType] = (), *,
                 max_attempts: int = 4):
        self.session = session
        self.region = region
        self.collectors = tuple(collectors)
        self.allowed: dict[str, frozenset[str]] = {
            "sts": STS_OPERATIONS, **{c.SERVICE: frozenset(c.OPERATIONS) for c in self.collectors}}
        self.stats = CallStats()
        self._max_attempts = max_attempts
        self._clients: dict[tuple[str, str, int], Any] = {}
        self._lock = threading.Lock()
        credentials = session.get_credentials()
        frozen = credentials.get_frozen_credentials() if credentials else None
        self._secrets = tuple(s for s in (frozen.secret_key, frozen.token) if s) \
            if frozen else ()

    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def client(self, service: str, region: str | None = None, *, attempts: int | None = None
               ) -> Any:
        """A guarded client (cached per service, region and retry budget)."""
        from botocore.config import Config

        if service not in self.allowed:
            raise WriteRefused(f"archdoc does not use the {service} service")
        region = region or self.region
        key = (service, region, attempts or self._max_attempts)
        with self._lock:
            if key not in self._clients:
                config = Config(
                    retries={"mode": "adaptive", "total_max_attempts": key[2]},
                    connect_timeout=5, read_timeout=30, user_agent_extra="archdoc-drift",
                    max_pool_connections=20,
                )
                client = self.session.client(service, region_name=region, config=config)
                client.meta.events.register("before-parameter-build", self._guard(service))
                client.meta.events.register("before-send", self._attempt(service))
                self._clients[key] = client
            return self._clients[key]

    def _guard(self, service: str) -> Any:
        allowed = self.allowed[service]

        def before_parameter_build(model: Any, **_: Any) -> None:
            if model.name not in allowed:
                self.stats.count(self.stats.refused, service)
                raise WriteRefused(f"refused {service}:{model.name}: archdoc only reads an "
                                   "account, and this operation is not on its read list")
            self.stats.count(self.stats.calls, service)
        return before_parameter_build

    def _attempt(self, service: str) -> Any:
        def before_send(**_: Any) -> None:
            self.stats.count(self.stats.attempts, service)
        return before_send

    def identity(self) -> Identity:
        """Who and where: the first call, and the one that says whether the account answers."""
        try:
            answer = self.client("sts", attempts=2).get_caller_identity()
        except Exception as exc:  # noqa: BLE001 - every failure here means "cannot read"
            raise AccountUnreadable(self.describe_failure(exc)) from None
        return Identity(answer["Account"], self.region, answer["Arn"])

    def describe_failure(self, exc: BaseException) -> str:
        """A failure in one line, without credentials."""
        from botocore.exceptions import (
            ClientError,
            EndpointConnectionError,
            NoCredentialsError,
            NoRegionError,
        )

        if isinstance(exc, NoCredentialsError):
            text = "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and " \
                   "AWS_SECRET_ACCESS_KEY, or use --profile)"
        elif isinstance(exc, EndpointConnectionError):
            text = f"cannot reach the AWS endpoint {exc.kwargs.get('endpoint_url', '')}".rstrip()
        elif isinstance(exc, NoRegionError):
            text = "no region: give --region or set AWS_REGION"
        elif isinstance(exc, ClientError):
            error = exc.response.get("Error", {})
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "?")
            code = error.get("Code") or f"HTTP {status}"
            text = f"{code}: {error.get('Message') or exc.operation_name}"
        else:
            text = f"{type(exc).__name__}: {exc}"
        first = text.splitlines()[0] if text else type(exc).__name__
        return self.redact(first)[:300]

    def unreadable(self, service: str, exc: BaseException) -> ServiceUnreadable:
        """Classify a failed read of ``service``: what a finding about it should say."""
        from botocore.exceptions import ClientError

        if isinstance(exc, WriteRefused):
            raise exc
        if isinstance(exc, ClientError):
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            operation = exc.operation_name
            if code in DENIED or (status == 403 and code not in THROTTLED):
                return ServiceUnreadable(service, say("access denied to {operation}",
                                                      operation=operation))
            if code in THROTTLED:
                return ServiceUnreadable(service, say("throttled on {operation}",
                                                      operation=operation))
            if status in (500, 501) and (code.isdigit() or code == "NotImplemented"):
                # not an AWS error document: an AWS-compatible endpoint without this call
                return ServiceUnreadable(
                    service, say("the endpoint does not implement {operation} (HTTP {status})",
                                 operation=operation, status=status),
                    not_available=True)
        return ServiceUnreadable(service, self.describe_failure(exc))


def paginate(client: Any, operation: str, key: str, **params: Any) -> list[dict[str, Any]]:
    """Every item under ``key`` of every page of ``operation`` (a paginated read)."""
    items: list[dict[str, Any]] = []
    for page in client.get_paginator(operation).paginate(**params):
        items.extend(page.get(key, []))
    return items


def make_session(profile: str | None = None, region: str | None = None,
                 role_arn: str | None = None) -> tuple[Any, str]:
    """A boto3 session from the standard chain (optionally assuming ``role_arn``) and its region.

    Raises ``AccountUnreadable`` when the profile does not exist or no region is known.
    """
    from botocore.exceptions import ProfileNotFound

    try:
        session = boto3_session(profile_name=profile, region_name=region)
    except ProfileNotFound as exc:
        raise AccountUnreadable(f"AWS profile not found: '{exc.kwargs.get('profile')}'") \
            from None
    chosen = region or session.region_name
    if not chosen:
        raise AccountUnreadable("no region: give --region, or set AWS_REGION or the profile's "
                                "region") from None
    if role_arn:
        reader = AwsReader(session, chosen)
        try:
            answer = reader.client("sts", attempts=2).assume_role(
                RoleArn=role_arn, RoleSessionName="archdoc-drift", DurationSeconds=900)
        except Exception as exc:  # noqa: BLE001
            raise AccountUnreadable(f"cannot assume {role_arn}: "
                                    f"{reader.describe_failure(exc)}") from None
        creds = answer["Credentials"]
        session = boto3_session(aws_access_key_id=creds["AccessKeyId"],
                                aws_secret_access_key=creds["SecretAccessKey"],
                                aws_session_token=creds["SessionToken"], region_name=chosen)
    return session, chosen


_loader: Any = None  # botocore's service descriptions, read once per process


def boto3_session(**options: Any) -> Any:
    """A boto3 session whose service descriptions come from the process's one loader:
    botocore reads and parses them again for each new session (half a second for EC2 and
    its neighbours), and a process that checks several models (the MkDocs plugin, a test
    run) would pay that on every check."""
    import boto3
    import botocore.loaders
    import botocore.session

    global _loader
    core = botocore.session.get_session()
    if _loader is None:
        _loader = botocore.loaders.create_loader(core.get_config_variable("data_path"))
    core.register_component("data_loader", _loader)
    session = boto3.Session(botocore_session=core, **options)
    # boto3 adds its own folder to the loader's search path on each session: once is enough
    _loader.search_paths[:] = list(dict.fromkeys(_loader.search_paths))
    core.get_scoped_config()  # a profile that does not exist is said now, as boto3 does
    return session
