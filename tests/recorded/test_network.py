"""Clients, combiners and the controller state of a local federation of three clients."""

from __future__ import annotations

import pytest

from scaleout import NotFoundError, Scaleout


@pytest.mark.vcr
def test_controller_clients_and_combiners(client: Scaleout) -> None:
    assert client.get_controller_status()["state"] == "idle"

    clients = client.get_clients()
    assert clients["count"] == 3
    names = sorted(c["name"] for c in clients["result"])
    assert names == ["client-1", "client-2", "client-3"]
    assert client.get_clients(n_max=2)["count"] == 3
    assert len(client.get_clients(n_max=2)["result"]) == 2
    assert client.get_clients_count() == 3
    assert client.get_clients_count(only_active=True) == 3
    first = clients["result"][0]
    assert client.get_client(first["client_id"]) == first
    with pytest.raises(NotFoundError):
        client.get_client("no such client")
    assert sorted(c["name"] for c in client.iter_clients(page_size=2)) == names
    assert [c["name"] for c in client.iter_clients(filters={"name": "client-2"})] == ["client-2"]

    combiners = client.get_combiners()
    assert combiners["count"] == 1 == client.get_combiners_count()
    combiner = combiners["result"][0]
    assert client.get_combiner(combiner["combiner_id"]) == combiner
    with pytest.raises(NotFoundError):
        client.get_combiner("no-such-combiner")
    assert [c["combiner_id"] for c in client.iter_combiners()] == [combiner["combiner_id"]]
    assert client.get_combiners(n_max=1)["result"] == [combiner]

    active = client.get_active_clients(combiner_id=combiner["name"])
    assert active["count"] == 3
    assert client.get_active_clients(combiner_id="another-combiner")["count"] == 0
    assert len(client.get_active_clients(n_max=1)["result"]) == 1

    assert "message" in client.set_public_hostname(combiner["combiner_id"], "edge.example.com:443")
    assert client.get_combiner(combiner["combiner_id"])["public_hostname"] == (
        "edge.example.com:443"
    )
    with pytest.raises(NotFoundError):
        client.set_public_hostname("no-such-combiner", "edge.example.com")

    config = client.get_client_config()
    assert {"network_id", "discover_host", "discover_port"} <= set(config)
