"""`skm run` stopped with SIGTERM stops every process it started (the emulators were orphaned before)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skm.stack import Ports

pytestmark = pytest.mark.stack
SKM = Path(sys.executable).parent / "skm"


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_sigterm_to_skm_run_stops_the_whole_stack(tmp_path):
    ports = Ports.free()
    env = {**os.environ, **{f"SKM_PORT_{name.upper()}": str(port) for name, port in vars(ports).items()}}
    run = subprocess.Popen(
        [SKM, "run", "--empty"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        for line in run.stdout:
            if "Local stack is up" in line or time.monotonic() > deadline:
                break
        assert all(listening(port) for port in vars(ports).values() if port != ports.bigquery_grpc)
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=30) in (0, 130)  # stopped, not killed
        time.sleep(0.5)
        assert not any(listening(port) for port in vars(ports).values())
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
