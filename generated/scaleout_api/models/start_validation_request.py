from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StartValidationRequest")


@_attrs_define
class StartValidationRequest:
    """Validation of a session's model.

    Example:
        {'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11'}

    Attributes:
        session_id (str):
        model_id (str):
    """

    session_id: str
    model_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        model_id = self.model_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "model_id": model_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        session_id = d.pop("session_id")

        model_id = d.pop("model_id")

        start_validation_request = cls(
            session_id=session_id,
            model_id=model_id,
        )

        start_validation_request.additional_properties = d
        return start_validation_request

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
