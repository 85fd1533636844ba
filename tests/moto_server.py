"""A moto server on 127.0.0.1 for drift tests: a real HTTP endpoint speaking the AWS protocols.

Started as its own process (as a user's endpoint would be), on a free loopback port, with AWS's
managed IAM policies loaded and ACM certificates issued at once.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

DUMMY_KEY_ID = "AKIAARCHDOCTESTKEY01"  # never a real key: tests check it is never printed
DUMMY_SECRET = "archdoc-test-secret-do-not-print-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MotoServer:
    url: str
    process: subprocess.Popen
    log: Path
    generation: int = 0  # counts the changes of state a test may make (reset, IAM switched on)

    def reset(self) -> None:
        self.generation += 1
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/moto-api/reset",
                                                      method="POST"), timeout=30).read()

    def enforce_iam(self) -> None:
        """From now on every request needs credentials IAM allows (moto's auth switch)."""
        self.generation += 1
        urllib.request.urlopen(urllib.request.Request(
            f"{self.url}/moto-api/reset-auth", data=b"0", method="POST",
            headers={"Content-Type": "text/plain"}), timeout=30).read()

    def relax_iam(self) -> None:
        """Back to no authentication (moto's switch counts requests left unchecked)."""
        self.generation += 1
        urllib.request.urlopen(urllib.request.Request(
            f"{self.url}/moto-api/reset-auth", data=str(10 ** 9).encode(), method="POST",
            headers={"Content-Type": "text/plain"}), timeout=30).read()

    def requests_logged(self) -> int:
        """HTTP requests the server has logged so far (werkzeug logs one line per request)."""
        return sum(1 for line in self.log.read_text(errors="replace").splitlines()
                   if '"POST ' in line or '"GET ' in line or '"PUT ' in line
                   or '"DELETE ' in line or '"HEAD ' in line)

    def env(self, **extra: str) -> dict[str, str]:
        """What a user sets to point archdoc at this server (dummy credentials)."""
        return {"AWS_ENDPOINT_URL": self.url, "AWS_ACCESS_KEY_ID": DUMMY_KEY_ID,
                "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET, "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": os.devnull,
                "AWS_SHARED_CREDENTIALS_FILE": os.devnull, **extra}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(log: Path) -> MotoServer:
    port = free_port()
    env = {**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
           "MOTO_ACM_VALIDATION_WAIT": "0"}
    handle = log.open("w")
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                                "-p", str(port)], stdout=handle, stderr=subprocess.STDOUT,
                               env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"{url}/moto-api/data.json", timeout=2).read()
            return MotoServer(url, process, log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("moto server did not start within 60 s")
