"""List and count semantics (§1.3): filters, operators, null, paging and sorting."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from scaleout.local import LocalController

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


@pytest.fixture(scope="module")
def listing() -> Iterator[tuple[httpx.Client, str]]:
    """A controller holding attributes with keys tag-0..tag-5 and values v0..v5."""
    tag = f"t{time.monotonic_ns()}"
    with LocalController(clients=2) as ctl, httpx.Client(base_url=ctl.url) as http:
        for index in range(6):
            sender = {"client_id": f"c{index % 2}", "name": f"n{index}", "role": "CLIENT"}
            if index == 5:
                sender = {"combiner_id": "comb-1", "name": "combiner", "role": "COMBINER"}
            response = http.post(
                "/api/v1/attributes/",
                json={"key": f"{tag}-{index}", "value": f"v{index}", "sender": sender},
            )
            assert response.status_code == 201
            time.sleep(0.002)
        yield http, tag


def _keys(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [a["key"].rsplit("-", 1)[1] for a in response.json()["result"]]


def test_default_order_is_newest_first_and_count_ignores_paging(
    listing: tuple[httpx.Client, str],
) -> None:
    http, _ = listing
    page = http.get("/api/v1/attributes/", headers={"X-Limit": "2", "X-Skip": "1"})
    assert page.json()["count"] == 6
    assert _keys(page) == ["4", "3"]
    ascending = http.get("/api/v1/attributes/", headers={"X-Sort-Order": "asc", "X-Limit": "0"})
    assert _keys(ascending) == ["0", "1", "2", "3", "4", "5"]
    assert http.get("/api/v1/attributes/count").json() == 6


def test_sort_key_with_dotted_field(listing: tuple[httpx.Client, str]) -> None:
    http, _ = listing
    response = http.get(
        "/api/v1/attributes/", headers={"X-Sort-Key": "sender.name", "X-Sort-Order": "asc"}
    )
    names = [a["sender"]["name"] for a in response.json()["result"]]
    assert names == sorted(names)


def test_equality_operator_and_null_filters(listing: tuple[httpx.Client, str]) -> None:
    http, tag = listing
    assert _keys(http.get("/api/v1/attributes/", params={"sender.client_id": "c1"})) == ["3", "1"]
    assert http.get("/api/v1/attributes/count", params={"sender.client_id": "null"}).json() == 1
    assert http.get("/api/v1/attributes/count", params={"sender.combiner_id": "comb-1"}).json() == 1
    assert http.get("/api/v1/attributes/count", params={"value__gte": "v3"}).json() == 3
    assert http.get("/api/v1/attributes/count", params={"value__ne": "v3"}).json() == 5
    assert http.get("/api/v1/attributes/count", params={"value__lt": "v2"}).json() == 2
    assert http.get("/api/v1/attributes/count", params={"key__eq": f"{tag}-2"}).json() == 1
    assert http.get("/api/v1/attributes/count", params={"no.such.field": "x"}).json() == 0


def test_typed_filters_on_numbers_and_booleans(listing: tuple[httpx.Client, str]) -> None:
    http, _ = listing
    assert http.get("/api/v1/combiners/count", params={"port": 12080}).json() == 1
    assert http.get("/api/v1/combiners/count", params={"port__gt": 12080}).json() == 0
    assert http.get("/api/v1/combiners/count", params={"grpc_secure": "false"}).json() == 1
    assert http.get("/api/v1/clients/count", params={"status": "online"}).json() == 2
    stamp = http.get("/api/v1/clients/").json()["result"][0]["committed_at"]
    assert http.get("/api/v1/clients/count", params={"committed_at__lte": stamp}).json() == 2
    assert http.get("/api/v1/clients/count", params={"committed_at__gt": stamp}).json() == 0


def test_attribute_trail_and_current_values(listing: tuple[httpx.Client, str]) -> None:
    http, tag = listing
    trail = http.post("/api/v1/attributes/list", json={"node_id": "c0"})
    assert _keys(trail) == ["4", "2", "0"]
    assert _keys(http.post("/api/v1/attributes/list", json={"entity_id": "comb-1"})) == ["5"]
    both = http.post("/api/v1/attributes/list", json={"node_id": "c0,c1"})
    assert both.json()["count"] == 5
    any_of = http.post("/api/v1/attributes/list", json={"value": "v1,v2"})
    assert sorted(_keys(any_of)) == ["1", "2"]
    assert http.post("/api/v1/attributes/list").json()["count"] == 6
    paged = http.post("/api/v1/attributes/list", json={}, headers={"X-Limit": "1"})
    assert len(paged.json()["result"]) == 1

    current = http.post("/api/v1/attributes/current", json={"node_ids": ["c0", "ghost"]})
    assert current.json() == {
        "c0": {f"{tag}-0": "v0", f"{tag}-2": "v2", f"{tag}-4": "v4"},
        "ghost": "Entity with client_id: ghost not found",
    }
    by_client = http.post("/api/v1/attributes/current", json={"client_ids": ["comb-1"]})
    assert by_client.json() == {"comb-1": {f"{tag}-5": "v5"}}
    assert http.post("/api/v1/attributes/current", json={}).status_code == 400


def test_attribute_current_takes_the_newest_value() -> None:
    with LocalController(clients=0) as ctl, httpx.Client(base_url=ctl.url) as http:
        for value in ("false", "true"):
            http.post(
                "/api/v1/attributes/",
                json={"key": "charging", "value": value, "sender": {"client_id": "n"}},
            )
        assert http.post("/api/v1/attributes/current", json={"node_ids": ["n"]}).json() == {
            "n": {"charging": "true"}
        }
