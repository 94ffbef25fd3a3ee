from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.command_parameters import CommandParameters


T = TypeVar("T", bound="RunCommandRequest")


@_attrs_define
class RunCommandRequest:
    """A custom command. The documented 1.0.1 client merges the command's parameters into this
    object; the 1.1.0 client nests them under `parameters` and sends `synchronous`.

        Example:
            {'command_type': 'Custom_ping', 'blocking': True, 'timeout': 10, 'client_ids': None, 'payload': 'hello'}

        Attributes:
            command_type (str): `Custom_<name>`.
            blocking (bool | Unset): Wait for the clients' answers (1.0.1 client).
            synchronous (bool | Unset): Wait for the clients' answers (1.1.0 client).
            timeout (int | None | Unset): Seconds to wait when blocking.
            client_ids (list[str] | None | Unset): The clients to run on; null means all.
            parameters (CommandParameters | None | Unset):
    """

    command_type: str
    blocking: bool | Unset = UNSET
    synchronous: bool | Unset = UNSET
    timeout: int | None | Unset = UNSET
    client_ids: list[str] | None | Unset = UNSET
    parameters: CommandParameters | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.command_parameters import CommandParameters  # noqa: PLC0415

        command_type = self.command_type

        blocking = self.blocking

        synchronous = self.synchronous

        timeout: int | None | Unset
        if isinstance(self.timeout, Unset):
            timeout = UNSET
        else:
            timeout = self.timeout

        client_ids: list[str] | None | Unset
        if isinstance(self.client_ids, Unset):
            client_ids = UNSET
        elif isinstance(self.client_ids, list):
            client_ids = self.client_ids

        else:
            client_ids = self.client_ids

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, CommandParameters):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command_type": command_type,
            }
        )
        if blocking is not UNSET:
            field_dict["blocking"] = blocking
        if synchronous is not UNSET:
            field_dict["synchronous"] = synchronous
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if client_ids is not UNSET:
            field_dict["client_ids"] = client_ids
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.command_parameters import CommandParameters  # noqa: PLC0415

        d = dict(src_dict)
        command_type = d.pop("command_type")

        blocking = d.pop("blocking", UNSET)

        synchronous = d.pop("synchronous", UNSET)

        def _parse_timeout(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        timeout = _parse_timeout(d.pop("timeout", UNSET))

        def _parse_client_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                client_ids_type_0 = cast(list[str], data)

                return client_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        client_ids = _parse_client_ids(d.pop("client_ids", UNSET))

        def _parse_parameters(data: object) -> CommandParameters | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = CommandParameters.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CommandParameters | None | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        run_command_request = cls(
            command_type=command_type,
            blocking=blocking,
            synchronous=synchronous,
            timeout=timeout,
            client_ids=client_ids,
            parameters=parameters,
        )

        run_command_request.additional_properties = d
        return run_command_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
