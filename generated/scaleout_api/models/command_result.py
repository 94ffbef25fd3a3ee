from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.command_answers import CommandAnswers


T = TypeVar("T", bound="CommandResult")


@_attrs_define
class CommandResult:
    """The answer to a command; blocking commands include the clients' answers in `result`.

    Example:
        {'success': True, 'message': 'Command sent', 'correlation_id': '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170', 'result':
            {'0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11': {'pong': 'hello'}}}

    Attributes:
        message (str):
        success (bool | Unset):
        correlation_id (None | str | Unset):
        result (CommandAnswers | None | Unset): Answers per client id, when the command was blocking.
    """

    message: str
    success: bool | Unset = UNSET
    correlation_id: None | str | Unset = UNSET
    result: CommandAnswers | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.command_answers import CommandAnswers  # noqa: PLC0415

        message = self.message

        success = self.success

        correlation_id: None | str | Unset
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, CommandAnswers):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if correlation_id is not UNSET:
            field_dict["correlation_id"] = correlation_id
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.command_answers import CommandAnswers  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        success = d.pop("success", UNSET)

        def _parse_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id", UNSET))

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

        command_result = cls(
            message=message,
            success=success,
            correlation_id=correlation_id,
            result=result,
        )

        command_result.additional_properties = d
        return command_result

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
