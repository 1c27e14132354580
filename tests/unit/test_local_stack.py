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


def test_connections_left_in_time_wait_by_a_stopped_stack_do_not_take_the_port():
    import socket

    from skm.stack import check_free

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.close()  # the server side closes first: its end of the port lingers in TIME_WAIT
    client.close()
    server.close()
    check_free("bigquery", port)  # free again, as a restarted server would find it
