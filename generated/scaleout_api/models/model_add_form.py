from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.helper import Helper, check_helper
from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelAddForm")


@_attrs_define
class ModelAddForm:
    """A finished upload to add as a model.

    Example:
        {'helper': 'numpyhelper', 'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b'}

    Attributes:
        file_token (str):
        helper (Helper | Unset): The model helper (serialization format). `.npz` files use `numpyhelper`, `.bin` files
            `binaryhelper`. Example: numpyhelper.
        name (str | Unset):
    """

    file_token: str
    helper: Helper | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_token = self.file_token

        helper: str | Unset = UNSET
        if not isinstance(self.helper, Unset):
            helper = self.helper

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_token": file_token,
            }
        )
        if helper is not UNSET:
            field_dict["helper"] = helper
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_token = d.pop("file_token")

        _helper = d.pop("helper", UNSET)
        helper: Helper | Unset
        if isinstance(_helper, Unset):
            helper = UNSET
        else:
            helper = check_helper(_helper)

        name = d.pop("name", UNSET)

        model_add_form = cls(
            file_token=file_token,
            helper=helper,
            name=name,
        )

        model_add_form.additional_properties = d
        return model_add_form

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
