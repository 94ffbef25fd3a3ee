from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.package import Package


T = TypeVar("T", bound="PackageList")


@_attrs_define
class PackageList:
    """A page of compute packages.

    Example:
        {'count': 1, 'result': [{'package_id': '7d0c2b8e-3f4a-4a57-9a55-8f5b2f1e9c20', 'name': 'mnist-pytorch',
            'description': 'MNIST with PyTorch', 'file_name': 'package.tgz', 'helper': 'numpyhelper', 'storage_file_name':
            '7d0c2b8e-3f4a-4a57-9a55-8f5b2f1e9c20.tgz', 'active': True}]}

    Attributes:
        count (int):
        result (list[Package]):
    """

    count: int
    result: list[Package]
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
        from ..models.package import Package  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = Package.from_dict(result_item_data)

            result.append(result_item)

        package_list = cls(
            count=count,
            result=result,
        )

        package_list.additional_properties = d
        return package_list

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
