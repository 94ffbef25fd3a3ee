from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.command_parameters import CommandParameters


T = TypeVar("T", bound="StartInferenceRequest")


@_attrs_define
class StartInferenceRequest:
    """Inference with a model on clients.

    Example:
        {'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'synchronous': True, 'timeout': 180, 'parameters': None,
            'client_ids': None}

    Attributes:
        model_id (str):
        synchronous (bool | Unset):  Default: True.
        timeout (int | None | Unset): Seconds to wait; -1 means no limit.
        parameters (CommandParameters | None | Unset):
        client_ids (list[str] | None | Unset):
    """

    model_id: str
    synchronous: bool | Unset = True
    timeout: int | None | Unset = UNSET
    parameters: CommandParameters | None | Unset = UNSET
    client_ids: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.command_parameters import CommandParameters  # noqa: PLC0415

        model_id = self.model_id

        synchronous = self.synchronous

        timeout: int | None | Unset
        if isinstance(self.timeout, Unset):
            timeout = UNSET
        else:
            timeout = self.timeout

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
            }
        )
        if synchronous is not UNSET:
            field_dict["synchronous"] = synchronous
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if client_ids is not UNSET:
            field_dict["client_ids"] = client_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.command_parameters import CommandParameters  # noqa: PLC0415

        d = dict(src_dict)
        model_id = d.pop("model_id")

        synchronous = d.pop("synchronous", UNSET)

        def _parse_timeout(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        timeout = _parse_timeout(d.pop("timeout", UNSET))

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

        start_inference_request = cls(
            model_id=model_id,
            synchronous=synchronous,
            timeout=timeout,
            parameters=parameters,
            client_ids=client_ids,
        )

        start_inference_request.additional_properties = d
        return start_inference_request

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
