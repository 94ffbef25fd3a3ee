from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadChunk")


@_attrs_define
class UploadChunk:
    """A stored chunk.

    Example:
        {'upload_id': '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'chunk_index': 0, 'received_bytes': 921600}

    Attributes:
        upload_id (str | Unset):
        chunk_index (int | Unset):
        received_bytes (int | Unset):
    """

    upload_id: str | Unset = UNSET
    chunk_index: int | Unset = UNSET
    received_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        chunk_index = self.chunk_index

        received_bytes = self.received_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if upload_id is not UNSET:
            field_dict["upload_id"] = upload_id
        if chunk_index is not UNSET:
            field_dict["chunk_index"] = chunk_index
        if received_bytes is not UNSET:
            field_dict["received_bytes"] = received_bytes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upload_id = d.pop("upload_id", UNSET)

        chunk_index = d.pop("chunk_index", UNSET)

        received_bytes = d.pop("received_bytes", UNSET)

        upload_chunk = cls(
            upload_id=upload_id,
            chunk_index=chunk_index,
            received_bytes=received_bytes,
        )

        upload_chunk.additional_properties = d
        return upload_chunk

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
