from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadComplete")


@_attrs_define
class UploadComplete:
    """A finished upload and the token that refers to its file.

    Example:
        {'file_token': '2c7e0d9a6b5f4e3d8c1b0a9f8e7d6c5b', 'file_name': 'seed.npz', 'file_size': 1843200, 'sha256':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}

    Attributes:
        file_token (str):
        file_name (str | Unset):
        file_size (int | Unset):
        sha256 (str | Unset):
    """

    file_token: str
    file_name: str | Unset = UNSET
    file_size: int | Unset = UNSET
    sha256: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_token = self.file_token

        file_name = self.file_name

        file_size = self.file_size

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_token": file_token,
            }
        )
        if file_name is not UNSET:
            field_dict["file_name"] = file_name
        if file_size is not UNSET:
            field_dict["file_size"] = file_size
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_token = d.pop("file_token")

        file_name = d.pop("file_name", UNSET)

        file_size = d.pop("file_size", UNSET)

        sha256 = d.pop("sha256", UNSET)

        upload_complete = cls(
            file_token=file_token,
            file_name=file_name,
            file_size=file_size,
            sha256=sha256,
        )

        upload_complete.additional_properties = d
        return upload_complete

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
