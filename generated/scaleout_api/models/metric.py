from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node import Node


T = TypeVar("T", bound="Metric")


@_attrs_define
class Metric:
    """A training metric reported by a client.

    Example:
        {'metric_id': 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a', 'key': 'training_loss', 'value': 0.31, 'timestamp':
            '2026-03-04T16:43:39.000000Z', 'sender': {'name': 'client-1', 'role': 'CLIENT', 'client_id':
            '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}, 'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'step': 10,
            'round_id': '3', 'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'committed_at': 'Wed, 04 Mar 2026
            16:43:39 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:43:39 GMT'}

    Attributes:
        metric_id (str):
        key (str):
        value (float):
        model_id (str):
        timestamp (datetime.datetime | None | Unset):
        sender (Node | None | Unset):
        step (int | None | Unset):
        round_id (None | str | Unset):
        session_id (None | str | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    metric_id: str
    key: str
    value: float
    model_id: str
    timestamp: datetime.datetime | None | Unset = UNSET
    sender: Node | None | Unset = UNSET
    step: int | None | Unset = UNSET
    round_id: None | str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.node import Node  # noqa: PLC0415

        metric_id = self.metric_id

        key = self.key

        value = self.value

        model_id = self.model_id

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        sender: dict[str, Any] | None | Unset
        if isinstance(self.sender, Unset):
            sender = UNSET
        elif isinstance(self.sender, Node):
            sender = self.sender.to_dict()
        else:
            sender = self.sender

        step: int | None | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        round_id: None | str | Unset
        if isinstance(self.round_id, Unset):
            round_id = UNSET
        else:
            round_id = self.round_id

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

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
                "metric_id": metric_id,
                "key": key,
                "value": value,
                "model_id": model_id,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if sender is not UNSET:
            field_dict["sender"] = sender
        if step is not UNSET:
            field_dict["step"] = step
        if round_id is not UNSET:
            field_dict["round_id"] = round_id
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node import Node  # noqa: PLC0415

        d = dict(src_dict)
        metric_id = d.pop("metric_id")

        key = d.pop("key")

        value = d.pop("value")

        model_id = d.pop("model_id")

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        def _parse_sender(data: object) -> Node | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sender_type_0 = Node.from_dict(data)

                return sender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Node | None | Unset, data)

        sender = _parse_sender(d.pop("sender", UNSET))

        def _parse_step(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        step = _parse_step(d.pop("step", UNSET))

        def _parse_round_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        round_id = _parse_round_id(d.pop("round_id", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

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

        metric = cls(
            metric_id=metric_id,
            key=key,
            value=value,
            model_id=model_id,
            timestamp=timestamp,
            sender=sender,
            step=step,
            round_id=round_id,
            session_id=session_id,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        metric.additional_properties = d
        return metric

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
