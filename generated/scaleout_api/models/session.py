from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_status import SessionStatus, check_session_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_config import SessionConfig


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A training session.

    Example:
        {'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'name': 'experiment-1', 'status': 'Finished',
            'session_config': {'aggregator': 'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1,
            'rounds': 5, 'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate': True,
            'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'server_functions': None},
            'seed_model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'committed_at': 'Wed, 04 Mar 2026 16:42:00 GMT',
            'updated_at': 'Wed, 04 Mar 2026 16:43:40 GMT'}

    Attributes:
        session_id (str):
        session_config (SessionConfig): The configuration of a session. Servers require the eight `required` fields; a
            `default`
            here is the value the documented clients send when their caller does not choose one
            (`helper_type` and `model_id` have none: clients send the active helper and the newest
            model).
             Example: {'aggregator': 'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds':
            5, 'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate': True,
            'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'server_functions': None}.
        name (None | str | Unset):
        status (None | SessionStatus | Unset): `Created` when new.
        seed_model_id (None | str | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    session_id: str
    session_config: SessionConfig
    name: None | str | Unset = UNSET
    status: None | SessionStatus | Unset = UNSET
    seed_model_id: None | str | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        session_config = self.session_config.to_dict()

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        seed_model_id: None | str | Unset
        if isinstance(self.seed_model_id, Unset):
            seed_model_id = UNSET
        else:
            seed_model_id = self.seed_model_id

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
                "session_id": session_id,
                "session_config": session_config,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if seed_model_id is not UNSET:
            field_dict["seed_model_id"] = seed_model_id
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_config import SessionConfig  # noqa: PLC0415

        d = dict(src_dict)
        session_id = d.pop("session_id")

        session_config = SessionConfig.from_dict(d.pop("session_config"))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_status(data: object) -> None | SessionStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_session_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_seed_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        seed_model_id = _parse_seed_model_id(d.pop("seed_model_id", UNSET))

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

        session = cls(
            session_id=session_id,
            session_config=session_config,
            name=name,
            status=status,
            seed_model_id=seed_model_id,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        session.additional_properties = d
        return session

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
