"""Systems Manager: Session Manager, a feature of the account checked on its targets."""

from __future__ import annotations

from archdoc.aws import ssm
from archdoc.drift.compare import compute
from archdoc.drift.reader import KindReader

READERS = {
    # no one live resource: each target instance must be registered with Systems Manager
    "ssm_session_manager": KindReader(ssm, compute.ssm_session_manager),
}
