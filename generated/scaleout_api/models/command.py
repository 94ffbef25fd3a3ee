from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.command_status import CommandStatus, check_command_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.command_answers import CommandAnswers
    from ..models.command_parameters import CommandParameters


T = TypeVar("T", bound="Command")


@_attrs_define
class Command:
    """A command sent to clients, keyed by its correlation id (Edge, 1.1.0 client). Its shape is
    inferred from the client; servers may add fields.

        Example:
            {'correlation_id': '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170', 'parent_correlation_id': None, 'command_type':
                'Custom_ping', 'status': 'COMPLETED', 'parameters': {'payload': 'hello'}, 'client_ids':
                ['0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'], 'result': {'0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11': {'pong': 'hello'}},
                'committed_at': 'Wed, 04 Mar 2026 16:44:00 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:44:01 GMT'}

        Attributes:
            correlation_id (str):
            parent_correlation_id (None | str | Unset):
            command_type (None | str | Unset): e.g. `Custom_<name>`, `Scaleout_ModelUpdate`, `Scaleout_Inference`.
            status (CommandStatus | None | Unset):
            parameters (CommandParameters | None | Unset):
            client_ids (list[str] | None | Unset):
            result (CommandAnswers | None | Unset): Answers per client id, when the clients have answered.
            committed_at (None | str | Unset):
            updated_at (None | str | Unset):
    """

    correlation_id: str
    parent_correlation_id: None | str | Unset = UNSET
    command_type: None | str | Unset = UNSET
    status: CommandStatus | None | Unset = UNSET
    parameters: CommandParameters | None | Unset = UNSET
    client_ids: list[str] | None | Unset = UNSET
    result: CommandAnswers | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.command_answers import CommandAnswers  # noqa: PLC0415
        from ..models.command_parameters import CommandParameters  # noqa: PLC0415

        correlation_id = self.correlation_id

        parent_correlation_id: None | str | Unset
        if isinstance(self.parent_correlation_id, Unset):
            parent_correlation_id = UNSET
        else:
            parent_correlation_id = self.parent_correlation_id

        command_type: None | str | Unset
        if isinstance(self.command_type, Unset):
            command_type = UNSET
        else:
            command_type = self.command_type

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, CommandParameters):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        client_ids: list[str] | None | Unset
        if isinstance(self.client_ids, Unset):
            client_ids = UNSET
        elif isinstance(self.client_ids, list):
            client_ids = self.client_ids

        else:
            client_ids = self.client_ids

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, CommandAnswers):
            result = self.result.to_dict()
        else:
            result = self.result

        committed_at: None | str | Unset
        if isinstance(self.committed_at, Unset):
            committed_at = UNSET
        else:
            committed_at = self.committed_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "correlation_id": correlation_id,
            }
        )
        if parent_correlation_id is not UNSET:
            field_dict["parent_correlation_id"] = parent_correlation_id
        if command_type is not UNSET:
            field_dict["command_type"] = command_type
        if status is not UNSET:
            field_dict["status"] = status
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if client_ids is not UNSET:
            field_dict["client_ids"] = client_ids
        if result is not UNSET:
            field_dict["result"] = result
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.command_answers import CommandAnswers  # noqa: PLC0415
        from ..models.command_parameters import CommandParameters  # noqa: PLC0415

        d = dict(src_dict)
        correlation_id = d.pop("correlation_id")

        def _parse_parent_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_correlation_id = _parse_parent_correlation_id(d.pop("parent_correlation_id", UNSET))

        def _parse_command_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        command_type = _parse_command_type(d.pop("command_type", UNSET))

        def _parse_status(data: object) -> CommandStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_command_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CommandStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

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

        def _parse_result(data: object) -> CommandAnswers | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = CommandAnswers.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CommandAnswers | None | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_committed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        committed_at = _parse_committed_at(d.pop("committed_at", UNSET))

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        command = cls(
            correlation_id=correlation_id,
            parent_correlation_id=parent_correlation_id,
            command_type=command_type,
            status=status,
            parameters=parameters,
            client_ids=client_ids,
            result=result,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        command.additional_properties = d
        return command

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
