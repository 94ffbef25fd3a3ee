from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadInit")


@_attrs_define
class UploadInit:
    """A started upload.

    Example:
        {'upload_id': '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'chunk_size': 921600, 'total_chunks': 2}

    Attributes:
        upload_id (str):
        chunk_size (int | Unset):
        total_chunks (int | Unset):
    """

    upload_id: str
    chunk_size: int | Unset = UNSET
    total_chunks: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        chunk_size = self.chunk_size

        total_chunks = self.total_chunks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
            }
        )
        if chunk_size is not UNSET:
            field_dict["chunk_size"] = chunk_size
        if total_chunks is not UNSET:
            field_dict["total_chunks"] = total_chunks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        chunk_size = d.pop("chunk_size", UNSET)

        total_chunks = d.pop("total_chunks", UNSET)

        upload_init = cls(
            upload_id=upload_id,
            chunk_size=chunk_size,
            total_chunks=total_chunks,
        )

        upload_init.additional_properties = d
        return upload_init

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
