"""``archdoc discover`` on moto's server, as a user runs it: the seed (and the three-tier
example's network and load balancer) provisioned with boto3, discovered into a model that
validates and builds, and ``archdoc drift`` on that model is in sync."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from archdoc.project import load_model
from tests.conftest import ROOT, SEED, archdoc
from tests.drift.conftest import Endpoint, no_secrets, session_for
from tests.provision import provision

pytestmark = pytest.mark.slow  # a moto server

NOT_IN_AN_ACCOUNT = {"users", "ssm_session_manager"}


def _discover(server, out, *args: str):
    proc = archdoc("discover", "-o", str(out), *args, env=server.env(), timeout=120)
    no_secrets(proc.stdout + proc.stderr)
    return proc


def _kinds(model) -> Counter:
    return Counter(r.kind for r in model.resources.values() if r.kind not in NOT_IN_AN_ACCOUNT)


def test_the_discovered_seed_is_in_sync_and_has_the_seeds_resources(
        seed_account_as_provisioned, tmp_path):
    account = seed_account_as_provisioned
    found = tmp_path / "arch.yaml"
    proc = _discover(account.server, found, "--region", account.region)
    assert proc.returncode == 0, proc.stderr
    assert "discovered 20 resources" in proc.stderr
    model, seed = load_model(found), load_model(SEED)
    assert _kinds(model) == _kinds(seed)  # every AWS resource of the seed, no other
    data = yaml.safe_load(found.read_text())
    assert data["resources"]["web-server"]["subnet"] == "private-a"
    assert data["resources"]["web-server"]["instance_profile_role"] == "ec2-s3-ssm-role"
    assert data["resources"]["public-a"]["public"] is True  # routed to the internet gateway
    assert {"from": "users", "to": "httpstest-alb", "protocol": "HTTPS", "port": 443} in \
        data["flows"]
    drift = account.drift("--format", "json", model=found)
    assert drift.returncode == 0, drift.stdout[-3000:]
    report = yaml.safe_load(drift.stdout)
    assert {f["status"] for f in report["findings"]} <= {"IN_SYNC", "NOT_CHECKED"}
    out = tmp_path / "out"
    built = archdoc("build", str(found), "-o", str(out), "--only", "diagram,drawio")
    assert built.returncode == 0, built.stderr
    assert (out / "architecture.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_another_example_provisioned_and_discovered_by_its_vpc_is_in_sync(moto, tmp_path):
    model = load_model(ROOT / "examples" / "three-tier.yaml")
    moto.reset()
    ids = provision(model, Endpoint(session_for(moto, model.region), moto.url))
    found = tmp_path / "arch.yaml"
    proc = _discover(moto, found, "--region", model.region, "--vpc", ids["vpc"])
    moto.generation += 1  # the seed is no longer what the account holds
    assert proc.returncode == 0, proc.stderr
    discovered = load_model(found)
    kinds = _kinds(discovered)
    assert kinds["subnet"] == 6 and kinds["alb"] == 1 and kinds["security_group"] == 3
    drift = archdoc("drift", str(found), "--format", "json", env=moto.env(), timeout=120)
    assert drift.returncode == 0, drift.stdout[-3000:]


def test_nothing_to_discover_is_said_and_nothing_is_written(moto, tmp_path):
    found = tmp_path / "arch.yaml"
    proc = _discover(moto, found, "--region", "eu-north-1", "--vpc", "vpc-00000000")
    assert proc.returncode == 2
    assert "nothing to discover in account" in proc.stderr and not found.exists()


def _cases():
    from tests.drift import test_data_readers as data
    from tests.drift import test_network_readers as network
    from tests.drift import test_service_readers as services

    return {"keyed": (data.KEYED, data._keyed), "network": (network.NETWORK, network._network),
            "nlb": (network.NLB, network._nlb), "audit": (services.AUDIT, services._audit),
            "edge": (services.EDGE, services._edge),
            "containers": (services.CONTAINERS, services._containers)}


@pytest.mark.parametrize("name", ["keyed", "network", "nlb", "audit", "edge", "containers"])
def test_every_kind_the_readers_know_is_discovered_and_in_sync(moto, tmp_path, name):
    """The drift readers' own accounts (tests/drift/test_*_readers.py), discovered whole:
    every kind of the reader's model is in the discovered model (but those of a service the
    endpoint cannot serve, which the warnings name), and drift on it is in sync."""
    from archdoc.drift.registry import reader

    model_text, provision_case = _cases()[name]
    moto.reset()
    provision_case(Endpoint(session_for(moto, "eu-west-1"), moto.url))
    moto.generation += 1
    found = tmp_path / "arch.yaml"
    proc = _discover(moto, found, "--region", "eu-west-1")
    assert proc.returncode == 0, proc.stderr
    unread = {line.split(" could not be read")[0].rsplit(" ", 1)[-1]
              for line in proc.stderr.splitlines() if "could not be read" in line}
    wanted = {r["kind"] for r in yaml.safe_load(model_text)["resources"].values()}
    wanted = {k for k in wanted if k not in NOT_IN_AN_ACCOUNT
              and not ((read := reader(k)) is not None and read.service in unread)}
    assert wanted <= set(_kinds(load_model(found))), proc.stderr
    drift = archdoc("drift", str(found), "--format", "json", env=moto.env(), timeout=120)
    assert drift.returncode == 0, drift.stdout[-3000:]
