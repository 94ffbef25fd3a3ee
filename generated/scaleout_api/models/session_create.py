from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_config import SessionConfig


T = TypeVar("T", bound="SessionCreate")


@_attrs_define
class SessionCreate:
    """The body that creates a session.

    Example:
        {'name': 'experiment-1', 'seed_model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'session_config':
            {'aggregator': 'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds': 5,
            'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate': True, 'helper_type':
            'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'server_functions': None}}

    Attributes:
        session_config (SessionConfig): The configuration of a session. Servers require the eight `required` fields; a
            `default`
            here is the value the documented clients send when their caller does not choose one
            (`helper_type` and `model_id` have none: clients send the active helper and the newest
            model).
             Example: {'aggregator': 'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds':
            5, 'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate': True,
            'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'server_functions': None}.
        name (None | str | Unset):
        seed_model_id (None | str | Unset): The 1.0.1 client sends `session_config.model_id` here too.
    """

    session_config: SessionConfig
    name: None | str | Unset = UNSET
    seed_model_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_config = self.session_config.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        seed_model_id: None | str | Unset
        if isinstance(self.seed_model_id, Unset):
            seed_model_id = UNSET
        else:
            seed_model_id = self.seed_model_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_config": session_config,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if seed_model_id is not UNSET:
            field_dict["seed_model_id"] = seed_model_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_config import SessionConfig  # noqa: PLC0415

        d = dict(src_dict)
        session_config = SessionConfig.from_dict(d.pop("session_config"))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_seed_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        seed_model_id = _parse_seed_model_id(d.pop("seed_model_id", UNSET))

        session_create = cls(
            session_config=session_config,
            name=name,
            seed_model_id=seed_model_id,
        )

        session_create.additional_properties = d
        return session_create

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
