from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node import Node


T = TypeVar("T", bound="AttributeInput")


@_attrs_define
class AttributeInput:
    """An attribute to store.

    Example:
        {'key': 'charging', 'value': 'true', 'sender': {'name': '', 'role': '', 'client_id': 'abc123'}}

    Attributes:
        key (str):
        value (str):
        sender (Node): The sender or receiver of an event. FEDn 0.33 requires `name` and `role` when the object
            is given; the documented 1.0.1 client sends `sender: {client_id}` alone for statuses, so
            neither is required here. `combiner_id` is Edge only. The 1.1.0 client's docstrings show
            a flat `entity_id` on attributes instead.
             Example: {'name': 'client-1', 'role': 'CLIENT', 'client_id': '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11',
            'combiner_id': None}.
        timestamp (datetime.datetime | None | Unset):
    """

    key: str
    value: str
    sender: Node
    timestamp: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        value = self.value

        sender = self.sender.to_dict()

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "value": value,
                "sender": sender,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node import Node  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        value = d.pop("value")

        sender = Node.from_dict(d.pop("sender"))

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

        attribute_input = cls(
            key=key,
            value=value,
            sender=sender,
            timestamp=timestamp,
        )

        attribute_input.additional_properties = d
        return attribute_input

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
