"""The local stack refuses a port another server holds, and says which process holds it."""

import os
import socket

import pytest

from skm.stack import Ports, PortTaken, Stack, free_port


def test_a_taken_port_is_refused_naming_its_holder(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        stack = Stack(ports=Ports(submit=taken), workdir=tmp_path)
        with pytest.raises(PortTaken, match=rf"port {taken} \(submit\) is taken by pid {os.getpid()} "):
            stack.start(services=("submit",))
        assert stack.processes == {}


def test_ports_come_from_the_environment(monkeypatch):
    port = free_port()
    monkeypatch.setenv("SKM_PORT_REPORT", str(port))
    assert Ports.from_env().report == port and Ports.from_env().submit == 8081
