from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.metric import Metric


T = TypeVar("T", bound="MetricList")


@_attrs_define
class MetricList:
    """A page of metrics.

    Example:
        {'count': 1, 'result': [{'metric_id': 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a', 'key': 'training_loss', 'value':
            0.31, 'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'step': 10}]}

    Attributes:
        count (int):
        result (list[Metric]):
    """

    count: int
    result: list[Metric]
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
        from ..models.metric import Metric  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = Metric.from_dict(result_item_data)

            result.append(result_item)

        metric_list = cls(
            count=count,
            result=result,
        )

        metric_list.additional_properties = d
        return metric_list

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
