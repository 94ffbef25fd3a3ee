"""Clients, combiners and the controller itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import _validation as check
from .._methods import Listing, listing, operation
from .._paging import DEFAULT_PAGE_SIZE
from .._steps import Steps
from ._base import Resource, given

if TYPE_CHECKING:
    from scaleout_api.schemas import (
        Client,
        ClientConfig,
        ClientList,
        Combiner,
        CombinerList,
        ControllerStatus,
        Message,
    )


class NetworkResource(Resource):
    @operation
    def get_controller_status(self) -> Steps[ControllerStatus]:
        """Get the status of the controller.

        :return: ``{"state": "idle" | "instructing" | "monitoring" | "setup" | "UNKNOWN"}``.
        """
        from scaleout_api.api.controller import get_controller_status

        return (yield from self._call(get_controller_status.build_request()))

    @operation
    def get_client(self, id: str) -> Steps[Client]:
        """Get a client by its id.

        :param id: The client id.
        :return: The client.
        :raises NotFoundError: If there is no such client.
        """
        from scaleout_api.api.clients import get_client

        return (yield from self._call(get_client.build_request(check.require_id("id", id))))

    @operation
    def get_clients(self, n_max: int | None = None) -> Steps[ClientList]:
        """Get clients, newest first.

        :param n_max: The maximum number of clients to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [client, ...]}``.
        """
        from scaleout_api.api.clients import list_clients

        return (
            yield from self._call(list_clients.build_request(x_limit=given(check.n_max(n_max))))
        )

    @operation
    def get_active_clients(
        self, combiner_id: str | None = None, n_max: int | None = None
    ) -> Steps[ClientList]:
        """Get the clients that are online, optionally only those of one combiner.

        :param combiner_id: Only clients assigned to this combiner (its name).
        :param n_max: The maximum number of clients to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [client, ...]}``.
        """
        from scaleout_api.api.clients import list_clients

        combiner = check.optional_str("combiner_id", combiner_id)
        request = list_clients.build_request(
            status="online", combiner=given(combiner), x_limit=given(check.n_max(n_max))
        )
        return (yield from self._call(request))

    @operation
    def get_clients_count(self, only_active: bool = False) -> Steps[int]:
        """Get the number of clients.

        :param only_active: Count only the clients that are online.
        :return: The number of clients.
        """
        from scaleout_api.api.clients import count_clients

        active = check.require_bool("only_active", only_active)
        return (
            yield from self._call(
                count_clients.build_request(status=given("online" if active else None))
            )
        )

    @operation
    def get_client_config(self, checksum: bool = True) -> Steps[ClientConfig]:
        """Get the config clients use to reach the controller and ask for a combiner.

        :param checksum: Include the checksum of the active compute package.
        :return: ``{"network_id", "discover_host", "discover_port", "checksum"?}``.
        """
        from scaleout_api.api.clients import get_client_config

        wanted = check.require_bool("checksum", checksum)
        return (yield from self._call(get_client_config.build_request(checksum=wanted)))

    @listing
    def iter_clients(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Client]:
        """Every client matching ``filters`` (any Client field, e.g. ``{"status": "online"}``),
        oldest first, fetched ``page_size`` at a time."""
        from scaleout_api.api.clients import list_clients

        return self._walk(list_clients.build_request, page_size, filters)

    @operation
    def get_combiner(self, id: str) -> Steps[Combiner]:
        """Get a combiner by its id.

        :param id: The combiner id.
        :return: The combiner.
        :raises NotFoundError: If there is no such combiner.
        """
        from scaleout_api.api.combiners import get_combiner

        return (yield from self._call(get_combiner.build_request(check.require_id("id", id))))

    @operation
    def get_combiners(self, n_max: int | None = None) -> Steps[CombinerList]:
        """Get combiners, newest first.

        :param n_max: The maximum number of combiners to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [combiner, ...]}``.
        """
        from scaleout_api.api.combiners import list_combiners

        return (
            yield from self._call(list_combiners.build_request(x_limit=given(check.n_max(n_max))))
        )

    @operation
    def get_combiners_count(self) -> Steps[int]:
        """Get the number of combiners.

        :return: The number of combiners.
        """
        from scaleout_api.api.combiners import count_combiners

        return (yield from self._call(count_combiners.build_request()))

    @operation
    def set_public_hostname(self, combiner_id: str, public_hostname: str) -> Steps[Message]:
        """Set the public gRPC endpoint clients use to reach a combiner (e.g. an ingress).

        :param combiner_id: The combiner id.
        :param public_hostname: ``host`` or ``host:port`` (without a port, the combiner's own).
        :return: The server's answer.
        :raises NotFoundError: If there is no such combiner.
        """
        from scaleout_api.api.combiners import update_combiner
        from scaleout_api.models import CombinerUpdate

        combiner = check.require_id("combiner_id", combiner_id)
        hostname = check.require_value("public_hostname", public_hostname)
        body = CombinerUpdate(public_hostname=hostname)
        return (yield from self._call(update_combiner.build_request(combiner, body=body)))

    @listing
    def iter_combiners(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Combiner]:
        """Every combiner matching ``filters`` (any Combiner field), oldest first."""
        from scaleout_api.api.combiners import list_combiners

        return self._walk(list_combiners.build_request, page_size, filters)
