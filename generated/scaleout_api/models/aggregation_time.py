from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AggregationTime")


@_attrs_define
class AggregationTime:
    """How a combiner's aggregation went.

    Example:
        {'nr_aggregated_models': 3, 'time_model_aggregation': 0.004, 'time_model_load': 0.002}

    Attributes:
        nr_aggregated_models (int | Unset):
        time_model_aggregation (float | Unset):
        time_model_load (float | Unset):
    """

    nr_aggregated_models: int | Unset = UNSET
    time_model_aggregation: float | Unset = UNSET
    time_model_load: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nr_aggregated_models = self.nr_aggregated_models

        time_model_aggregation = self.time_model_aggregation

        time_model_load = self.time_model_load

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if nr_aggregated_models is not UNSET:
            field_dict["nr_aggregated_models"] = nr_aggregated_models
        if time_model_aggregation is not UNSET:
            field_dict["time_model_aggregation"] = time_model_aggregation
        if time_model_load is not UNSET:
            field_dict["time_model_load"] = time_model_load

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nr_aggregated_models = d.pop("nr_aggregated_models", UNSET)

        time_model_aggregation = d.pop("time_model_aggregation", UNSET)

        time_model_load = d.pop("time_model_load", UNSET)

        aggregation_time = cls(
            nr_aggregated_models=nr_aggregated_models,
            time_model_aggregation=time_model_aggregation,
            time_model_load=time_model_load,
        )

        aggregation_time.additional_properties = d
        return aggregation_time

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
