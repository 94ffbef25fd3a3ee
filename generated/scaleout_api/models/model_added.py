from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelAdded")


@_attrs_define
class ModelAdded:
    """The answer to adding a model. The documented client's tests mock `{"success": true}`;
    servers may leave out `model_id`.

        Example:
            {'success': True, 'message': 'Model added successfully', 'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11'}

        Attributes:
            message (str):
            success (bool | Unset):
            model_id (str | Unset):
    """

    message: str
    success: bool | Unset = UNSET
    model_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        success = self.success

        model_id = self.model_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
        if model_id is not UNSET:
            field_dict["model_id"] = model_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        success = d.pop("success", UNSET)

        model_id = d.pop("model_id", UNSET)

        model_added = cls(
            message=message,
            success=success,
            model_id=model_id,
        )

        model_added.additional_properties = d
        return model_added

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
