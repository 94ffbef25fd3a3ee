from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionStartRequest")


@_attrs_define
class SessionStartRequest:
    """Runs a created session.

    Example:
        {'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'rounds': 5, 'round_timeout': 180}

    Attributes:
        session_id (str):
        rounds (int | Unset):
        round_timeout (float | Unset):
        model_name_prefix (str | Unset):
        client_ids (str | Unset): Comma-separated ids of the clients to use.
    """

    session_id: str
    rounds: int | Unset = UNSET
    round_timeout: float | Unset = UNSET
    model_name_prefix: str | Unset = UNSET
    client_ids: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        rounds = self.rounds

        round_timeout = self.round_timeout

        model_name_prefix = self.model_name_prefix

        client_ids = self.client_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
            }
        )
        if rounds is not UNSET:
            field_dict["rounds"] = rounds
        if round_timeout is not UNSET:
            field_dict["round_timeout"] = round_timeout
        if model_name_prefix is not UNSET:
            field_dict["model_name_prefix"] = model_name_prefix
        if client_ids is not UNSET:
            field_dict["client_ids"] = client_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        session_id = d.pop("session_id")

        rounds = d.pop("rounds", UNSET)

        round_timeout = d.pop("round_timeout", UNSET)

        model_name_prefix = d.pop("model_name_prefix", UNSET)

        client_ids = d.pop("client_ids", UNSET)

        session_start_request = cls(
            session_id=session_id,
            rounds=rounds,
            round_timeout=round_timeout,
            model_name_prefix=model_name_prefix,
            client_ids=client_ids,
        )

        session_start_request.additional_properties = d
        return session_start_request

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
