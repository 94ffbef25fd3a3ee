from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reduce_timings import ReduceTimings


T = TypeVar("T", bound="RoundData")


@_attrs_define
class RoundData:
    """Timings of a round.

    Example:
        {'time_commit': 0.012, 'reduce': {'time_aggregate_model': 0.004, 'time_fetch_model': 0.001, 'time_load_model':
            0.002}}

    Attributes:
        time_commit (float | None | Unset):
        reduce (None | ReduceTimings | Unset):
    """

    time_commit: float | None | Unset = UNSET
    reduce: None | ReduceTimings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reduce_timings import ReduceTimings  # noqa: PLC0415

        time_commit: float | None | Unset
        if isinstance(self.time_commit, Unset):
            time_commit = UNSET
        else:
            time_commit = self.time_commit

        reduce: dict[str, Any] | None | Unset
        if isinstance(self.reduce, Unset):
            reduce = UNSET
        elif isinstance(self.reduce, ReduceTimings):
            reduce = self.reduce.to_dict()
        else:
            reduce = self.reduce

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if time_commit is not UNSET:
            field_dict["time_commit"] = time_commit
        if reduce is not UNSET:
            field_dict["reduce"] = reduce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reduce_timings import ReduceTimings  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_time_commit(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        time_commit = _parse_time_commit(d.pop("time_commit", UNSET))

        def _parse_reduce(data: object) -> None | ReduceTimings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reduce_type_0 = ReduceTimings.from_dict(data)

                return reduce_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReduceTimings | Unset, data)

        reduce = _parse_reduce(d.pop("reduce", UNSET))

        round_data = cls(
            time_commit=time_commit,
            reduce=reduce,
        )

        round_data.additional_properties = d
        return round_data

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
