"""Clients, combiners and the controller itself."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .. import _validation as check
from .._operations import body
from .._paging import DEFAULT_PAGE_SIZE
from ._base import Resource


class NetworkResource(Resource):
    def get_controller_status(self) -> dict[str, Any]:
        """Get the status of the controller.

        :return: ``{"state": "idle" | "instructing" | "monitoring" | "setup" | "UNKNOWN"}``.
        """
        result: dict[str, Any] = self._call("controller.get_controller_status", expect=dict)
        return result

    def get_client(self, id: str) -> dict[str, Any]:
        """Get a client by its id.

        :param id: The client id.
        :return: The client.
        :raises NotFoundError: If there is no such client.
        """
        result: dict[str, Any] = self._call(
            "clients.get_client", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_clients(self, n_max: int | None = None) -> dict[str, Any]:
        """Get clients, newest first.

        :param n_max: The maximum number of clients to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [client, ...]}``.
        """
        result: dict[str, Any] = self._list("clients.list_clients", check.n_max(n_max))
        return result

    def get_active_clients(
        self, combiner_id: str | None = None, n_max: int | None = None
    ) -> dict[str, Any]:
        """Get the clients that are online, optionally only those of one combiner.

        :param combiner_id: Only clients assigned to this combiner (its name).
        :param n_max: The maximum number of clients to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [client, ...]}``.
        """
        combiner = check.optional_str("combiner_id", combiner_id)
        result: dict[str, Any] = self._list(
            "clients.list_clients", check.n_max(n_max), status="online", combiner=combiner
        )
        return result

    def get_clients_count(self, only_active: bool = False) -> int:
        """Get the number of clients.

        :param only_active: Count only the clients that are online.
        :return: The number of clients.
        """
        active = check.require_bool("only_active", only_active)
        result: int = self._call(
            "clients.count_clients", expect=int, status="online" if active else None
        )
        return result

    def get_client_config(self, checksum: bool = True) -> dict[str, Any]:
        """Get the config clients use to reach the controller and ask for a combiner.

        :param checksum: Include the checksum of the active compute package.
        :return: ``{"network_id", "discover_host", "discover_port", "checksum"?}``.
        """
        wanted = check.require_bool("checksum", checksum)
        result: dict[str, Any] = self._call(
            "clients.get_client_config", expect=dict, checksum=wanted
        )
        return result

    def iter_clients(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every client matching ``filters`` (any Client field, e.g. ``{"status": "online"}``),
        oldest first, fetched ``page_size`` at a time."""
        return self._walk("clients.list_clients", page_size, filters=filters)

    def get_combiner(self, id: str) -> dict[str, Any]:
        """Get a combiner by its id.

        :param id: The combiner id.
        :return: The combiner.
        :raises NotFoundError: If there is no such combiner.
        """
        result: dict[str, Any] = self._call(
            "combiners.get_combiner", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_combiners(self, n_max: int | None = None) -> dict[str, Any]:
        """Get combiners, newest first.

        :param n_max: The maximum number of combiners to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [combiner, ...]}``.
        """
        result: dict[str, Any] = self._list("combiners.list_combiners", check.n_max(n_max))
        return result

    def get_combiners_count(self) -> int:
        """Get the number of combiners.

        :return: The number of combiners.
        """
        result: int = self._call("combiners.count_combiners", expect=int)
        return result

    def set_public_hostname(self, combiner_id: str, public_hostname: str) -> dict[str, Any]:
        """Set the public gRPC endpoint clients use to reach a combiner (e.g. an ingress).

        :param combiner_id: The combiner id.
        :param public_hostname: ``host`` or ``host:port`` (without a port, the combiner's own).
        :return: The server's answer.
        :raises NotFoundError: If there is no such combiner.
        """
        combiner = check.require_id("combiner_id", combiner_id)
        hostname = check.require_str("public_hostname", public_hostname)
        result: dict[str, Any] = self._call(
            "combiners.update_combiner",
            expect=dict,
            id=combiner,
            body=body("CombinerUpdate", {"public_hostname": hostname}),
        )
        return result

    def iter_combiners(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every combiner matching ``filters`` (any Combiner field), oldest first."""
        return self._walk("combiners.list_combiners", page_size, filters=filters)
