from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClientConfig")


@_attrs_define
class ClientConfig:
    """What an edge client needs to reach the controller.

    Example:
        {'network_id': 'scaleout-network', 'discover_host': 'localhost', 'discover_port': 8092, 'checksum':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}

    Attributes:
        network_id (str):
        discover_host (str):
        discover_port (int):
        checksum (str | Unset):
    """

    network_id: str
    discover_host: str
    discover_port: int
    checksum: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        network_id = self.network_id

        discover_host = self.discover_host

        discover_port = self.discover_port

        checksum = self.checksum

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "network_id": network_id,
                "discover_host": discover_host,
                "discover_port": discover_port,
            }
        )
        if checksum is not UNSET:
            field_dict["checksum"] = checksum

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        network_id = d.pop("network_id")

        discover_host = d.pop("discover_host")

        discover_port = d.pop("discover_port")

        checksum = d.pop("checksum", UNSET)

        client_config = cls(
            network_id=network_id,
            discover_host=discover_host,
            discover_port=discover_port,
            checksum=checksum,
        )

        client_config.additional_properties = d
        return client_config

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
