from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CurrentAttributesRequest")


@_attrs_define
class CurrentAttributesRequest:
    """The nodes whose current attributes to get; give `node_ids` or `client_ids`.

    Example:
        {'node_ids': ['0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11']}

    Attributes:
        node_ids (list[str] | Unset):
        client_ids (list[str] | Unset):
    """

    node_ids: list[str] | Unset = UNSET
    client_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        node_ids: list[str] | Unset = UNSET
        if not isinstance(self.node_ids, Unset):
            node_ids = self.node_ids

        client_ids: list[str] | Unset = UNSET
        if not isinstance(self.client_ids, Unset):
            client_ids = self.client_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if node_ids is not UNSET:
            field_dict["node_ids"] = node_ids
        if client_ids is not UNSET:
            field_dict["client_ids"] = client_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        node_ids = cast(list[str], d.pop("node_ids", UNSET))

        client_ids = cast(list[str], d.pop("client_ids", UNSET))

        current_attributes_request = cls(
            node_ids=node_ids,
            client_ids=client_ids,
        )

        current_attributes_request.additional_properties = d
        return current_attributes_request

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
