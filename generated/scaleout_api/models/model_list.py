from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model import Model


T = TypeVar("T", bound="ModelList")


@_attrs_define
class ModelList:
    """A page of models.

    Example:
        {'count': 1, 'result': [{'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'model':
            '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'name': 'seed', 'parent_model': None, 'session_id': None,
            'committed_at': 'Wed, 04 Mar 2026 16:41:30 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:41:30 GMT'}]}

    Attributes:
        count (int):
        result (list[Model]):
    """

    count: int
    result: list[Model]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        result = []
        for result_item_data in self.result:
            result_item = result_item_data.to_dict()
            result.append(result_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model import Model  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = Model.from_dict(result_item_data)

            result.append(result_item)

        model_list = cls(
            count=count,
            result=result,
        )

        model_list.additional_properties = d
        return model_list

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
