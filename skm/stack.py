"""Start and stop the local stack: Firestore, BigQuery and Pub/Sub emulators, three functions,
and the pusher that delivers the aggregation topic's messages to the aggregate function."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = {"submit": ("http", 8081), "aggregate": ("cloudevent", 8082), "report": ("http", 8083)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Ports:
    firestore: int = 8681
    bigquery: int = 9050
    bigquery_grpc: int = 9060
    submit: int = 8081
    aggregate: int = 8082
    report: int = 8083
    public: int = 8084  # the public site's files, as the bucket serves them (`skm run`)
    pubsub: int = 8085

    @classmethod
    def from_env(cls) -> Ports:
        """The defaults, or SKM_PORT_SUBMIT=… and the like for each service."""
        return cls(
            **{
                name: int(os.environ.get(f"SKM_PORT_{name.upper()}", default))
                for name, default in asdict(cls()).items()
            }
        )

    @classmethod
    def free(cls) -> Ports:
        """Ports nobody uses now, so tests never collide with a running `make run`."""
        return cls(*(free_port() for _ in fields(cls)))


class PortTaken(RuntimeError):
    pass


def port_holder(port: int) -> str:
    """What listens on a loopback TCP port, from /proc (Linux): "pid 123 (java …)" or "another process"."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        if inodes & _socket_inodes(fd_dir):
            command = (fd_dir.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            return f"pid {fd_dir.parent.name} ({command[:120]})"
    return "another process"


def _socket_inodes(fd_dir: Path) -> set[str]:
    """The socket inodes a process holds open (none where it is gone or not ours to read)."""
    found: set[str] = set()
    try:
        descriptors = list(fd_dir.iterdir())
    except OSError:
        return found
    for descriptor in descriptors:
        try:
            target = os.readlink(descriptor)
        except OSError:  # closed meanwhile (the listing's own descriptor, for one)
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def check_free(name: str, port: int) -> None:
    """Refuse a port something already listens on: our services would otherwise answer nothing,
    while the other server took our traffic (a `make run` beside `make demo`)."""
    with socket.socket() as probe:
        # As the servers themselves bind: connections of a stack just stopped, left in TIME_WAIT,
        # must not count as taken (`make demo` twice in a row), a listening server must.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise PortTaken(
                f"port {port} ({name}) is taken by {port_holder(port)}; stop it (an earlier "
                f"`make run`?) or choose other ports"
            ) from None


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@dataclass
class Stack:
    ports: Ports = field(default_factory=Ports)
    workdir: Path = ROOT / "out"
    project: str = "skm-local"
    extra_env: dict[str, str] = field(default_factory=dict)
    bigquery_snapshots: bool = True  # False for benchmarks: see skm/bqemulator_no_snapshots.py
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    _previous_handler: Any = None

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{getattr(self.ports, name)}"

    @property
    def env(self) -> dict[str, str]:
        """Environment for the functions and clients of this stack."""
        return {
            "SKM_ENV": "local",
            "GOOGLE_CLOUD_PROJECT": self.project,
            "FIRESTORE_EMULATOR_HOST": f"127.0.0.1:{self.ports.firestore}",
            "SKM_BIGQUERY_ENDPOINT": self.url("bigquery"),
            "SKM_REPORTS_DIR": str(self.workdir / "reports"),
            "SKM_PUBLIC_DIR": str(self.workdir / "public"),
            "SKM_REPORT_BASE_URL": self.url("report"),
            "SKM_FORM_BASE_URL": self.url("submit"),
            "SKM_PUBLIC_BASE_URL": self.url("public"),
            "PUBSUB_EMULATOR_HOST": f"127.0.0.1:{self.ports.pubsub}",
            **self.extra_env,
        }

    def start(self, services: tuple[str, ...] = ("firestore", "bigquery", "pubsub", *FUNCTIONS, "pusher")) -> Stack:
        """Start `services` (all by default) and wait until each answers."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "logs").mkdir(exist_ok=True)
        for name in services:
            if name != "pusher":
                check_free(name, getattr(self.ports, name))
        if "bigquery" in services:
            check_free("bigquery grpc", self.ports.bigquery_grpc)
        # The emulators start empty, so does the directory standing in for the reports bucket.
        shutil.rmtree(self.workdir / "reports", ignore_errors=True)
        try:
            if "firestore" in services:
                self._start_firestore()
            if "bigquery" in services:
                self._start_bigquery()
            if "pubsub" in services:
                self._start_pubsub()
            for name in FUNCTIONS:
                if name in services:
                    self._start_function(name)
            for name in services:
                if name != "pusher":
                    self._wait(name)
            if "pusher" in services:
                self._spawn(
                    "pusher",
                    [sys.executable, "-m", "skm.pusher"],
                    self.env | {"SKM_AGGREGATE_URL": self.url("aggregate")},
                )
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            # The launcher may exit while its child lives on (gcloud's JVM ignored SIGTERM when
            # the machine was short of memory): whatever is left of the group is killed.
            while _group_alive(process.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _group_alive(process.pid):
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    def pause(self, name: str) -> None:
        """Freeze a service (its whole process group): it accepts connections and never answers,
        the worst kind of outage. `resume` lets it carry on with everything it held."""
        os.killpg(self.processes[name].pid, signal.SIGSTOP)

    def resume(self, name: str) -> None:
        os.killpg(self.processes[name].pid, signal.SIGCONT)

    def kill(self, name: str) -> None:
        """Stop a service at once, as a crash would (SIGKILL to its group)."""
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes.pop(name).wait(timeout=10)

    def restart_function(self, name: str) -> None:
        """Start a function again after `kill`, as the platform starts a new instance."""
        self._start_function(name)
        self._wait(name)

    def __enter__(self) -> Stack:
        # SIGTERM (a container stop, `kill`) unwinds like Ctrl-C, so `__exit__` stops every service.
        self._previous_handler = signal.signal(signal.SIGTERM, _terminate)
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        signal.signal(signal.SIGTERM, self._previous_handler)

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.workdir / "logs" / f"{name}.log", "wb")  # noqa: SIM115 (the child keeps it open)
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            start_new_session=True,  # own group: stop() kills children too
        )

    def _start_firestore(self) -> None:
        gcloud = shutil.which("gcloud")
        if not gcloud or not shutil.which("java"):
            raise RuntimeError("the Firestore emulator needs the Google Cloud CLI (gcloud) and Java 17+ on PATH")
        self._spawn(
            "firestore",
            [gcloud, "emulators", "firestore", "start", "--quiet", f"--host-port=127.0.0.1:{self.ports.firestore}"],
        )

    def _start_pubsub(self) -> None:
        gcloud = shutil.which("gcloud")
        if not gcloud:
            raise RuntimeError(
                "the Pub/Sub emulator needs the Google Cloud CLI (gcloud) with its pubsub-emulator component"
            )
        self._spawn(
            "pubsub",
            [gcloud, "beta", "emulators", "pubsub", "start", "--quiet", f"--host-port=127.0.0.1:{self.ports.pubsub}"],
        )

    def _start_bigquery(self) -> None:
        # bqemulator loads DuckDB's spatial extension at start; install it from the
        # PyPI package first, because the emulator would otherwise try to download it.
        from duckdb_extensions import import_extension

        import_extension("spatial")
        launcher = (
            [str(Path(sys.executable).parent / "bqemulator")]
            if self.bigquery_snapshots
            else [sys.executable, str(Path(__file__).with_name("bqemulator_no_snapshots.py"))]
        )
        self._spawn(
            "bigquery",
            [
                *launcher,
                "start",
                "--ephemeral",
                "--rest-port",
                str(self.ports.bigquery),
                "--grpc-port",
                str(self.ports.bigquery_grpc),
            ],
            {"BQEMU_ENABLE_FORMAT_EXTENSIONS": "false"},
        )

    def _start_function(self, name: str) -> None:
        signature, _ = FUNCTIONS[name]
        self._spawn(
            name,
            [
                str(Path(sys.executable).parent / "functions-framework"),
                "--source",
                str(ROOT / "functions" / name / "main.py"),
                "--target",
                name,
                "--signature-type",
                signature,
                "--host",
                "127.0.0.1",
                "--port",
                str(getattr(self.ports, name)),
            ],
            self.env,
        )

    def _wait(self, name: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        url = self.url(name) + ("/healthz" if FUNCTIONS.get(name, ("",))[0] == "http" else "/")
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; see {self.workdir}/logs/{name}.log")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answered: the server is up
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"{name} did not start within {timeout:.0f} s; see {self.workdir}/logs/{name}.log")
