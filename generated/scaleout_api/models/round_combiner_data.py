from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aggregation_time import AggregationTime


T = TypeVar("T", bound="RoundCombinerData")


@_attrs_define
class RoundCombinerData:
    """What a combiner reports of its part of a round.

    Example:
        {'aggregation_time': {'nr_aggregated_models': 3, 'time_model_aggregation': 0.004, 'time_model_load': 0.002},
            'nr_expected_updates': 3, 'nr_required_updates': 1, 'time_combination': 0.35, 'timeout': 180}

    Attributes:
        aggregation_time (AggregationTime | Unset): How a combiner's aggregation went. Example: {'nr_aggregated_models':
            3, 'time_model_aggregation': 0.004, 'time_model_load': 0.002}.
        nr_expected_updates (int | Unset):
        nr_required_updates (int | Unset):
        time_combination (float | Unset):
        timeout (float | Unset):
    """

    aggregation_time: AggregationTime | Unset = UNSET
    nr_expected_updates: int | Unset = UNSET
    nr_required_updates: int | Unset = UNSET
    time_combination: float | Unset = UNSET
    timeout: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_time: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_time, Unset):
            aggregation_time = self.aggregation_time.to_dict()

        nr_expected_updates = self.nr_expected_updates

        nr_required_updates = self.nr_required_updates

        time_combination = self.time_combination

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_time is not UNSET:
            field_dict["aggregation_time"] = aggregation_time
        if nr_expected_updates is not UNSET:
            field_dict["nr_expected_updates"] = nr_expected_updates
        if nr_required_updates is not UNSET:
            field_dict["nr_required_updates"] = nr_required_updates
        if time_combination is not UNSET:
            field_dict["time_combination"] = time_combination
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregation_time import AggregationTime  # noqa: PLC0415

        d = dict(src_dict)
        _aggregation_time = d.pop("aggregation_time", UNSET)
        aggregation_time: AggregationTime | Unset
        if isinstance(_aggregation_time, Unset):
            aggregation_time = UNSET
        else:
            aggregation_time = AggregationTime.from_dict(_aggregation_time)

        nr_expected_updates = d.pop("nr_expected_updates", UNSET)

        nr_required_updates = d.pop("nr_required_updates", UNSET)

        time_combination = d.pop("time_combination", UNSET)

        timeout = d.pop("timeout", UNSET)

        round_combiner_data = cls(
            aggregation_time=aggregation_time,
            nr_expected_updates=nr_expected_updates,
            nr_required_updates=nr_required_updates,
            time_combination=time_combination,
            timeout=timeout,
        )

        round_combiner_data.additional_properties = d
        return round_combiner_data

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
