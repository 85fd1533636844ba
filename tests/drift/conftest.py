"""A moto server for the drift tests, and the seed architecture provisioned in it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import moto_server
from tests.conftest import SEED, archdoc
from tests.provision import provision


@pytest.fixture(scope="session")
def moto(tmp_path_factory) -> Iterator[moto_server.MotoServer]:
    server = moto_server.start(tmp_path_factory.mktemp("moto") / "server.log")
    yield server
    server.stop()


@dataclass
class Account:
    """The seed provisioned in a fresh moto account: boto3 for changes, archdoc to check."""

    server: moto_server.MotoServer
    ids: dict[str, str]
    session: Any
    region: str
    generation: int = 0  # the server's generation it was provisioned in

    def client(self, service: str, region: str | None = None) -> Any:
        return self.session.client(service, region_name=region or self.region,
                                   endpoint_url=self.server.url)

    def drift(self, *args: str, model: Path = SEED, env: dict[str, str] | None = None):
        proc = archdoc("drift", str(model), *args, env=self.server.env(**(env or {})),
                           timeout=120)
        no_secrets(proc.stdout + proc.stderr)
        return proc

    def drift_json(self, *args: str, model: Path = SEED) -> tuple[int, dict[str, Any]]:
        proc = self.drift("--format", "json", *args, model=model)
        assert proc.returncode in (0, 1, 3), proc.stderr
        return proc.returncode, json.loads(proc.stdout)


def no_secrets(text: str) -> None:
    assert moto_server.DUMMY_KEY_ID not in text
    assert moto_server.DUMMY_SECRET not in text
    assert "Traceback" not in text


def session_for(server: moto_server.MotoServer, region: str) -> Any:
    from archdoc.aws.session import boto3_session  # the service descriptions read once

    env = server.env()
    return boto3_session(aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"], region_name=region)


class Endpoint:
    """boto3 session whose clients all go to the moto server."""

    def __init__(self, session: Any, url: str):
        self._session, self._url = session, url

    def client(self, service: str, region_name: str | None = None, **kwargs: Any) -> Any:
        return self._session.client(service, region_name=region_name, endpoint_url=self._url,
                                    **kwargs)


def _provisioned(moto: moto_server.MotoServer, seed_model: Any) -> Account:
    moto.reset()
    session = session_for(moto, seed_model.region)
    ids = provision(seed_model, Endpoint(session, moto.url))
    return Account(moto, ids, session, seed_model.region, moto.generation)


@pytest.fixture
def seed_account(moto, seed_model) -> Iterator[Account]:
    """The seed in a fresh account, for a test that changes it."""
    account = _provisioned(moto, seed_model)
    yield account
    moto.generation += 1  # changed, as far as anyone else knows


_SHARED: dict[str, Account] = {}


@pytest.fixture
def seed_account_as_provisioned(moto, seed_model) -> Account:
    """The seed as provisioned, for a test that only reads it: provisioned once and shared,
    again only after another test changed the account."""
    account = _SHARED.get(moto.url)
    if account is None or account.generation != moto.generation:
        account = _SHARED[moto.url] = _provisioned(moto, seed_model)
    return account


def findings(report: dict[str, Any], *, changed: bool = True) -> list[tuple]:
    """(status, resource, attribute, expected, actual) of each finding that is not in sync
    (with ``changed``), else of all."""
    return [(f["status"], f["resource"], f["attribute"], f["expected"], f["actual"])
            for f in report["findings"]
            if not changed or f["status"] not in ("IN_SYNC", "NOT_CHECKED")]
