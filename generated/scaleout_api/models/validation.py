from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node import Node


T = TypeVar("T", bound="Validation")


@_attrs_define
class Validation:
    """A validation result. `data` is a JSON-encoded string of metrics.

    Example:
        {'validation_id': '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901', 'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11',
            'data': '{"training_loss": 0.31, "training_accuracy": 0.9, "test_loss": 0.35, "test_accuracy": 0.88}',
            'correlation_id': '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d', 'timestamp': '2026-03-04T16:43:40.123456Z',
            'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'meta': None, 'sender': {'name': 'client-1', 'role':
            'CLIENT', 'client_id': '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}, 'receiver': {'name': 'combiner-0', 'role':
            'COMBINER'}, 'committed_at': 'Wed, 04 Mar 2026 16:43:40 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:43:40 GMT'}

    Attributes:
        validation_id (str):
        model_id (None | str | Unset):
        data (None | str | Unset): JSON-encoded metrics, e.g. `{"training_loss": 0.31, "test_accuracy": 0.88}`.
        correlation_id (None | str | Unset):
        timestamp (datetime.datetime | None | Unset):
        session_id (None | str | Unset):
        meta (None | str | Unset):
        sender (Node | None | Unset):
        receiver (Node | None | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    validation_id: str
    model_id: None | str | Unset = UNSET
    data: None | str | Unset = UNSET
    correlation_id: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    session_id: None | str | Unset = UNSET
    meta: None | str | Unset = UNSET
    sender: Node | None | Unset = UNSET
    receiver: Node | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.node import Node  # noqa: PLC0415

        validation_id = self.validation_id

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        data: None | str | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        else:
            data = self.data

        correlation_id: None | str | Unset
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        meta: None | str | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        else:
            meta = self.meta

        sender: dict[str, Any] | None | Unset
        if isinstance(self.sender, Unset):
            sender = UNSET
        elif isinstance(self.sender, Node):
            sender = self.sender.to_dict()
        else:
            sender = self.sender

        receiver: dict[str, Any] | None | Unset
        if isinstance(self.receiver, Unset):
            receiver = UNSET
        elif isinstance(self.receiver, Node):
            receiver = self.receiver.to_dict()
        else:
            receiver = self.receiver

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
                "validation_id": validation_id,
            }
        )
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if data is not UNSET:
            field_dict["data"] = data
        if correlation_id is not UNSET:
            field_dict["correlation_id"] = correlation_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if meta is not UNSET:
            field_dict["meta"] = meta
        if sender is not UNSET:
            field_dict["sender"] = sender
        if receiver is not UNSET:
            field_dict["receiver"] = receiver
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node import Node  # noqa: PLC0415

        d = dict(src_dict)
        validation_id = d.pop("validation_id")

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_data(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id", UNSET))

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

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_meta(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

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

        def _parse_receiver(data: object) -> Node | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                receiver_type_0 = Node.from_dict(data)

                return receiver_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Node | None | Unset, data)

        receiver = _parse_receiver(d.pop("receiver", UNSET))

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

        validation = cls(
            validation_id=validation_id,
            model_id=model_id,
            data=data,
            correlation_id=correlation_id,
            timestamp=timestamp,
            session_id=session_id,
            meta=meta,
            sender=sender,
            receiver=receiver,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        validation.additional_properties = d
        return validation

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
