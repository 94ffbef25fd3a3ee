from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.helper import Helper, check_helper
from ..types import UNSET, Unset

T = TypeVar("T", bound="PackageAddForm")


@_attrs_define
class PackageAddForm:
    """A finished upload to add as the active compute package.

    Example:
        {'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b', 'helper': 'numpyhelper', 'name': 'mnist-pytorch',
            'description': 'MNIST with PyTorch', 'file_name': 'package.tgz'}

    Attributes:
        file_token (str):
        helper (Helper): The model helper (serialization format). `.npz` files use `numpyhelper`, `.bin` files
            `binaryhelper`. Example: numpyhelper.
        name (str):
        file_name (str):
        description (str | Unset):  Default: ''.
        restart_clients (bool | Unset):
        abort_ongoing_tasks (bool | Unset):
    """

    file_token: str
    helper: Helper
    name: str
    file_name: str
    description: str | Unset = ""
    restart_clients: bool | Unset = UNSET
    abort_ongoing_tasks: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_token = self.file_token

        helper: str = self.helper

        name = self.name

        file_name = self.file_name

        description = self.description

        restart_clients = self.restart_clients

        abort_ongoing_tasks = self.abort_ongoing_tasks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_token": file_token,
                "helper": helper,
                "name": name,
                "file_name": file_name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if restart_clients is not UNSET:
            field_dict["restart_clients"] = restart_clients
        if abort_ongoing_tasks is not UNSET:
            field_dict["abort_ongoing_tasks"] = abort_ongoing_tasks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_token = d.pop("file_token")

        helper = check_helper(d.pop("helper"))

        name = d.pop("name")

        file_name = d.pop("file_name")

        description = d.pop("description", UNSET)

        restart_clients = d.pop("restart_clients", UNSET)

        abort_ongoing_tasks = d.pop("abort_ongoing_tasks", UNSET)

        package_add_form = cls(
            file_token=file_token,
            helper=helper,
            name=name,
            file_name=file_name,
            description=description,
            restart_clients=restart_clients,
            abort_ongoing_tasks=abort_ongoing_tasks,
        )

        package_add_form.additional_properties = d
        return package_add_form

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
