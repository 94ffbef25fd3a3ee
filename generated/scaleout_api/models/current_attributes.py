from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.node_attributes import NodeAttributes


T = TypeVar("T", bound="CurrentAttributes")


@_attrs_define
class CurrentAttributes:
    """Per node id, its attributes as `{key: value}`, or a not-found message string.

    Example:
        {'0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11': {'charging': 'true'}, 'missing-node': 'Entity with client_id: missing-
            node not found'}

    """

    additional_properties: dict[str, NodeAttributes | str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.node_attributes import NodeAttributes  # noqa: PLC0415

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, NodeAttributes):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node_attributes import NodeAttributes  # noqa: PLC0415

        d = dict(src_dict)
        current_attributes = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> NodeAttributes | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    additional_property_type_0 = NodeAttributes.from_dict(data)

                    return additional_property_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(NodeAttributes | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        current_attributes.additional_properties = additional_properties
        return current_attributes

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> NodeAttributes | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: NodeAttributes | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
