from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttributeQuery")


@_attrs_define
class AttributeQuery:
    """Body filters for attributes; values are strings, and a comma-separated value means "any of".

    Example:
        {'node_id': '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}

    Attributes:
        node_id (str | Unset): A node's client or combiner id (1.0.1 client).
        entity_id (str | Unset): A node's client or combiner id (1.1.0 client).
        key (str | Unset):
        value (str | Unset):
        sender_client_id (str | Unset):
        sender_combiner_id (str | Unset):
    """

    node_id: str | Unset = UNSET
    entity_id: str | Unset = UNSET
    key: str | Unset = UNSET
    value: str | Unset = UNSET
    sender_client_id: str | Unset = UNSET
    sender_combiner_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node_id = self.node_id

        entity_id = self.entity_id

        key = self.key

        value = self.value

        sender_client_id = self.sender_client_id

        sender_combiner_id = self.sender_combiner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if node_id is not UNSET:
            field_dict["node_id"] = node_id
        if entity_id is not UNSET:
            field_dict["entity_id"] = entity_id
        if key is not UNSET:
            field_dict["key"] = key
        if value is not UNSET:
            field_dict["value"] = value
        if sender_client_id is not UNSET:
            field_dict["sender.client_id"] = sender_client_id
        if sender_combiner_id is not UNSET:
            field_dict["sender.combiner_id"] = sender_combiner_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        node_id = d.pop("node_id", UNSET)

        entity_id = d.pop("entity_id", UNSET)

        key = d.pop("key", UNSET)

        value = d.pop("value", UNSET)

        sender_client_id = d.pop("sender.client_id", UNSET)

        sender_combiner_id = d.pop("sender.combiner_id", UNSET)

        attribute_query = cls(
            node_id=node_id,
            entity_id=entity_id,
            key=key,
            value=value,
            sender_client_id=sender_client_id,
            sender_combiner_id=sender_combiner_id,
        )

        attribute_query.additional_properties = d
        return attribute_query

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
