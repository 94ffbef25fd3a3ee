from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.combiner import Combiner


T = TypeVar("T", bound="CombinerList")


@_attrs_define
class CombinerList:
    """A page of combiners.

    Example:
        {'count': 1, 'result': [{'combiner_id': '5a3e0c1d-8c7b-4f0e-b1a2-9d8e7f6a5b4c', 'name': 'combiner-0', 'address':
            'combiner-0', 'fqdn': None, 'ip': '127.0.0.1', 'parent': None, 'port': 12080}]}

    Attributes:
        count (int):
        result (list[Combiner]):
    """

    count: int
    result: list[Combiner]
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
        from ..models.combiner import Combiner  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = Combiner.from_dict(result_item_data)

            result.append(result_item)

        combiner_list = cls(
            count=count,
            result=result,
        )

        combiner_list.additional_properties = d
        return combiner_list

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
