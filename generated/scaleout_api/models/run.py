from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """A run of a session (FEDn 0.33 `/runs`; no client calls it).

    Example:
        {'run_id': 'a9b8c7d6-e5f4-4a3b-2c1d-0e9f8a7b6c5d', 'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f',
            'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'completed_at_model_id':
            '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'round_timeout': 180, 'rounds': 5, 'completed_at': 'Wed, 04 Mar 2026
            16:43:40 GMT', 'committed_at': 'Wed, 04 Mar 2026 16:42:00 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:43:40 GMT'}

    Attributes:
        run_id (str):
        round_timeout (int):
        session_id (None | str | Unset):
        model_id (None | str | Unset):
        completed_at_model_id (None | str | Unset):
        rounds (int | None | Unset):
        completed_at (None | str | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    run_id: str
    round_timeout: int
    session_id: None | str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    completed_at_model_id: None | str | Unset = UNSET
    rounds: int | None | Unset = UNSET
    completed_at: None | str | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        round_timeout = self.round_timeout

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        completed_at_model_id: None | str | Unset
        if isinstance(self.completed_at_model_id, Unset):
            completed_at_model_id = UNSET
        else:
            completed_at_model_id = self.completed_at_model_id

        rounds: int | None | Unset
        if isinstance(self.rounds, Unset):
            rounds = UNSET
        else:
            rounds = self.rounds

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = self.completed_at

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
                "run_id": run_id,
                "round_timeout": round_timeout,
            }
        )
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if completed_at_model_id is not UNSET:
            field_dict["completed_at_model_id"] = completed_at_model_id
        if rounds is not UNSET:
            field_dict["rounds"] = rounds
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        run_id = d.pop("run_id")

        round_timeout = d.pop("round_timeout")

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_completed_at_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_at_model_id = _parse_completed_at_model_id(d.pop("completed_at_model_id", UNSET))

        def _parse_rounds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rounds = _parse_rounds(d.pop("rounds", UNSET))

        def _parse_completed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

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

        run = cls(
            run_id=run_id,
            round_timeout=round_timeout,
            session_id=session_id,
            model_id=model_id,
            completed_at_model_id=completed_at_model_id,
            rounds=rounds,
            completed_at=completed_at,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        run.additional_properties = d
        return run

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
