from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.helper import Helper, check_helper
from ..types import UNSET, Unset

T = TypeVar("T", bound="Package")


@_attrs_define
class Package:
    """A compute package. `file_name` should end in gz, bz2, tar, zip or tgz and `helper` be a
    Helper value; FEDn 0.33 checks both but does not enforce them.

        Example:
            {'package_id': '7d0c2b8e-3f4a-4a57-9a55-8f5b2f1e9c20', 'name': 'mnist-pytorch', 'description': 'MNIST with
                PyTorch', 'file_name': 'package.tgz', 'helper': 'numpyhelper', 'storage_file_name':
                '7d0c2b8e-3f4a-4a57-9a55-8f5b2f1e9c20.tgz', 'active': True, 'committed_at': 'Wed, 04 Mar 2026 16:41:10 GMT',
                'updated_at': 'Wed, 04 Mar 2026 16:41:10 GMT'}

        Attributes:
            package_id (str):
            name (str):
            description (str):
            file_name (str):
            helper (Helper): The model helper (serialization format). `.npz` files use `numpyhelper`, `.bin` files
                `binaryhelper`. Example: numpyhelper.
            storage_file_name (None | str | Unset):
            active (bool | None | Unset):
            committed_at (None | str | Unset):
            updated_at (None | str | Unset):
    """

    package_id: str
    name: str
    description: str
    file_name: str
    helper: Helper
    storage_file_name: None | str | Unset = UNSET
    active: bool | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        package_id = self.package_id

        name = self.name

        description = self.description

        file_name = self.file_name

        helper: str = self.helper

        storage_file_name: None | str | Unset
        if isinstance(self.storage_file_name, Unset):
            storage_file_name = UNSET
        else:
            storage_file_name = self.storage_file_name

        active: bool | None | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

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
                "package_id": package_id,
                "name": name,
                "description": description,
                "file_name": file_name,
                "helper": helper,
            }
        )
        if storage_file_name is not UNSET:
            field_dict["storage_file_name"] = storage_file_name
        if active is not UNSET:
            field_dict["active"] = active
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        package_id = d.pop("package_id")

        name = d.pop("name")

        description = d.pop("description")

        file_name = d.pop("file_name")

        helper = check_helper(d.pop("helper"))

        def _parse_storage_file_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        storage_file_name = _parse_storage_file_name(d.pop("storage_file_name", UNSET))

        def _parse_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

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

        package = cls(
            package_id=package_id,
            name=name,
            description=description,
            file_name=file_name,
            helper=helper,
            storage_file_name=storage_file_name,
            active=active,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        package.additional_properties = d
        return package

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
