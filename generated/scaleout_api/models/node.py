from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Node")


@_attrs_define
class Node:
    """The sender or receiver of an event. FEDn 0.33 requires `name` and `role` when the object
    is given; the documented 1.0.1 client sends `sender: {client_id}` alone for statuses, so
    neither is required here. `combiner_id` is Edge only. The 1.1.0 client's docstrings show
    a flat `entity_id` on attributes instead.

        Example:
            {'name': 'client-1', 'role': 'CLIENT', 'client_id': '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11', 'combiner_id': None}

        Attributes:
            name (None | str | Unset):
            role (None | str | Unset): OTHER, CLIENT, COMBINER or REDUCER; the documented client sends ''.
            client_id (None | str | Unset):
            combiner_id (None | str | Unset):
    """

    name: None | str | Unset = UNSET
    role: None | str | Unset = UNSET
    client_id: None | str | Unset = UNSET
    combiner_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        else:
            role = self.role

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        combiner_id: None | str | Unset
        if isinstance(self.combiner_id, Unset):
            combiner_id = UNSET
        else:
            combiner_id = self.combiner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if role is not UNSET:
            field_dict["role"] = role
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if combiner_id is not UNSET:
            field_dict["combiner_id"] = combiner_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_combiner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        combiner_id = _parse_combiner_id(d.pop("combiner_id", UNSET))

        node = cls(
            name=name,
            role=role,
            client_id=client_id,
            combiner_id=combiner_id,
        )

        node.additional_properties = d
        return node

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
