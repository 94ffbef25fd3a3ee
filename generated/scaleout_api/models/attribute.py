from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node import Node


T = TypeVar("T", bound="Attribute")


@_attrs_define
class Attribute:
    """A key/value attribute of a node.

    Example:
        {'attribute_id': 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9', 'key': 'charging', 'value': 'true', 'timestamp':
            '2026-03-04T16:43:39.000000Z', 'sender': {'name': 'client-1', 'role': 'CLIENT', 'client_id':
            '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}, 'committed_at': 'Wed, 04 Mar 2026 16:43:39 GMT', 'updated_at': 'Wed, 04
            Mar 2026 16:43:39 GMT'}

    Attributes:
        attribute_id (str):
        key (str):
        value (str): Always a string, e.g. `"true"`.
        timestamp (datetime.datetime | None | Unset):
        sender (Node | None | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    attribute_id: str
    key: str
    value: str
    timestamp: datetime.datetime | None | Unset = UNSET
    sender: Node | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.node import Node  # noqa: PLC0415

        attribute_id = self.attribute_id

        key = self.key

        value = self.value

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
                "attribute_id": attribute_id,
                "key": key,
                "value": value,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if sender is not UNSET:
            field_dict["sender"] = sender
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node import Node  # noqa: PLC0415

        d = dict(src_dict)
        attribute_id = d.pop("attribute_id")

        key = d.pop("key")

        value = d.pop("value")

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

        attribute = cls(
            attribute_id=attribute_id,
            key=key,
            value=value,
            timestamp=timestamp,
            sender=sender,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        attribute.additional_properties = d
        return attribute

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
