from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReduceTimings")


@_attrs_define
class ReduceTimings:
    """Seconds the controller spent making the round's model.

    Example:
        {'time_aggregate_model': 0.004, 'time_fetch_model': 0.001, 'time_load_model': 0.002}

    Attributes:
        time_aggregate_model (float | Unset):
        time_fetch_model (float | Unset):
        time_load_model (float | Unset):
    """

    time_aggregate_model: float | Unset = UNSET
    time_fetch_model: float | Unset = UNSET
    time_load_model: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        time_aggregate_model = self.time_aggregate_model

        time_fetch_model = self.time_fetch_model

        time_load_model = self.time_load_model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if time_aggregate_model is not UNSET:
            field_dict["time_aggregate_model"] = time_aggregate_model
        if time_fetch_model is not UNSET:
            field_dict["time_fetch_model"] = time_fetch_model
        if time_load_model is not UNSET:
            field_dict["time_load_model"] = time_load_model

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        time_aggregate_model = d.pop("time_aggregate_model", UNSET)

        time_fetch_model = d.pop("time_fetch_model", UNSET)

        time_load_model = d.pop("time_load_model", UNSET)

        reduce_timings = cls(
            time_aggregate_model=time_aggregate_model,
            time_fetch_model=time_fetch_model,
            time_load_model=time_load_model,
        )

        reduce_timings.additional_properties = d
        return reduce_timings

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
