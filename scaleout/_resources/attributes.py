"""Node attributes and custom commands: what scripts tell and ask the edge nodes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import _validation as check
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._methods import Listing, listing, operation
from .._paging import DEFAULT_PAGE_SIZE
from .._steps import Steps
from ._base import Resource, request_body

if TYPE_CHECKING:
    from scaleout_api.schemas import (
        Attribute,
        AttributeInput,
        AttributeList,
        CommandResult,
        CurrentAttributes,
    )

#: Body fields of a command; a parameter of the same name would silently replace them.
RESERVED_COMMAND_KEYS = frozenset(
    {"command_type", "blocking", "synchronous", "timeout", "client_ids", "parameters"}
)


class AttributesResource(Resource):
    @operation
    def add_attributes(self, attribute: AttributeInput) -> Steps[Attribute]:
        """Add or update a node attribute.

        :param attribute: An Attribute, e.g. ``{"key": "charging", "value": "true",
            "sender": {"name": "", "role": "", "client_id": "abc123"}}`` (or ``combiner_id``).
        :return: The stored attribute, with its ``attribute_id``.
        """
        from scaleout_api.api.attributes import add_attribute
        from scaleout_api.models import AttributeInput as AttributeInputModel

        payload = check.require_mapping("attribute", attribute)
        assert payload is not None
        check.require_str("attribute['key']", payload.get("key"))
        if not isinstance(payload.get("value"), str):
            raise ArgumentTypeError(
                "attribute['value'] must be a str (attribute values are strings, e.g. 'true'), "
                f"not {type(payload.get('value')).__name__}"
            )
        check.require_mapping("attribute['sender']", payload.get("sender"))
        body = request_body("attribute", AttributeInputModel, payload)
        return (yield from self._call(add_attribute.build_request(body=body)))

    @operation
    def get_current_attributes(self, node_list: list[str] | str) -> Steps[CurrentAttributes]:
        """Get the current attributes of one or more nodes.

        :param node_list: A node id (client or combiner id) or a list of them.
        :return: Per node id, its attributes as ``{key: value}`` (or a not-found message).
        :raises ValueError: If ``node_list`` is empty.
        """
        from scaleout_api.api.attributes import get_current_attributes
        from scaleout_api.models import CurrentAttributesRequest

        if isinstance(node_list, str):
            node_list = [node_list]
        ids = check.require_str_list("node_list", node_list)
        if not ids:
            raise InvalidArgumentError("node_list must name at least one node")
        # The documented clients send node_ids and FEDn servers read client_ids; both are in
        # the spec, so send both and let either kind of server find its key.
        body = CurrentAttributesRequest(node_ids=ids, client_ids=ids)
        return (yield from self._call(get_current_attributes.build_request(body=body)))

    @operation
    def get_attribute_trail(self, node_id: str) -> Steps[AttributeList]:
        """Get every attribute a node has reported, newest first.

        :param node_id: The client id or combiner id of the node.
        :return: ``{"count": <total>, "result": [attribute, ...]}``.
        """
        from scaleout_api.api.attributes import list_attributes

        node = check.require_value("node_id", node_id)
        page = yield from self._call(list_attributes.build_request(sender_client_id=node))
        if page.get("count"):
            return page
        return (yield from self._call(list_attributes.build_request(sender_combiner_id=node)))

    @listing
    def iter_attributes(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Attribute]:
        """Every attribute matching ``filters`` (e.g. ``{"key": "charging"}``), oldest first."""
        from scaleout_api.api.attributes import list_attributes

        return self._walk(list_attributes.build_request, page_size, filters)

    @operation
    def run_custom_command(
        self,
        command_type: str,
        blocking: bool = False,
        timeout: int | None = None,
        client_ids: list[str] | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> Steps[CommandResult]:
        """Run a custom command on edge clients.

        :param command_type: The command; ``Custom_`` is prefixed when missing.
        :param blocking: Wait for the clients' answers.
        :param timeout: Seconds to wait when blocking.
        :param client_ids: The clients to run on; all when ``None``.
        :param parameters: The command's parameters. None may be named like a field of the
            request (``command_type``, ``blocking``, ``synchronous``, ``timeout``,
            ``client_ids``, ``parameters``).
        :return: The server's answer (with the clients' answers when blocking).
        """
        from scaleout_api.api.controller import run_command
        from scaleout_api.models import RunCommandRequest

        name = check.require_value("command_type", command_type)
        if not name.startswith("Custom_"):
            name = "Custom_" + name
        check.require_bool("blocking", blocking)
        check.require_int("timeout", timeout, minimum=1, allow_none=True)
        ids = check.require_str_list("client_ids", client_ids, allow_none=True)
        params = check.require_mapping("parameters", parameters, allow_none=True) or {}
        clashes = sorted(RESERVED_COMMAND_KEYS.intersection(params))
        if clashes:
            raise InvalidArgumentError(
                f"parameters must not use the reserved names {', '.join(clashes)}: they would "
                "replace the command's own fields"
            )
        # The 1.0.1 wire format merges the parameters into the body; 1.1.0 servers read them
        # nested and read "synchronous" for "blocking". Sending both reaches either server.
        payload = {
            **params,
            "command_type": name,
            "blocking": blocking,
            "synchronous": blocking,
            "timeout": timeout,
            "client_ids": ids,
            "parameters": params,
        }
        body = request_body("parameters", RunCommandRequest, payload)
        return (yield from self._call(run_command.build_request(body=body)))
