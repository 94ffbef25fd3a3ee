from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.round_status import RoundStatus, check_round_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.round_combiner import RoundCombiner
    from ..models.round_config import RoundConfig
    from ..models.round_data import RoundData


T = TypeVar("T", bound="Round")


@_attrs_define
class Round:
    """A training round (read-only).

    Example:
        {'round_id': '3', 'status': 'Success', 'round_config': {'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f',
            'task': 'training', 'rounds': 5, 'round_id': '3', 'aggregator': 'fedavg', 'round_timeout': 180, 'validate':
            True, 'helper_type': 'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d'}, 'round_data':
            {'time_commit': 0.012}, 'combiners': [], 'committed_at': 'Wed, 04 Mar 2026 16:43:30 GMT', 'updated_at': 'Wed, 04
            Mar 2026 16:43:40 GMT'}

    Attributes:
        round_id (str):
        status (None | RoundStatus | Unset):
        round_config (None | RoundConfig | Unset):
        round_data (None | RoundData | Unset):
        combiners (list[RoundCombiner] | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    round_id: str
    status: None | RoundStatus | Unset = UNSET
    round_config: None | RoundConfig | Unset = UNSET
    round_data: None | RoundData | Unset = UNSET
    combiners: list[RoundCombiner] | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.round_config import RoundConfig  # noqa: PLC0415
        from ..models.round_data import RoundData  # noqa: PLC0415

        round_id = self.round_id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        round_config: dict[str, Any] | None | Unset
        if isinstance(self.round_config, Unset):
            round_config = UNSET
        elif isinstance(self.round_config, RoundConfig):
            round_config = self.round_config.to_dict()
        else:
            round_config = self.round_config

        round_data: dict[str, Any] | None | Unset
        if isinstance(self.round_data, Unset):
            round_data = UNSET
        elif isinstance(self.round_data, RoundData):
            round_data = self.round_data.to_dict()
        else:
            round_data = self.round_data

        combiners: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.combiners, Unset):
            combiners = []
            for combiners_item_data in self.combiners:
                combiners_item = combiners_item_data.to_dict()
                combiners.append(combiners_item)

        committed_at: None | str | Unset
        if isinstance(self.committed_at, Unset):
            committed_at = UNSET
        else:
            committed_at = self.committed_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "round_id": round_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if round_config is not UNSET:
            field_dict["round_config"] = round_config
        if round_data is not UNSET:
            field_dict["round_data"] = round_data
        if combiners is not UNSET:
            field_dict["combiners"] = combiners
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.round_combiner import RoundCombiner  # noqa: PLC0415
        from ..models.round_config import RoundConfig  # noqa: PLC0415
        from ..models.round_data import RoundData  # noqa: PLC0415

        d = dict(src_dict)
        round_id = d.pop("round_id")

        def _parse_status(data: object) -> None | RoundStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_round_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoundStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_round_config(data: object) -> None | RoundConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                round_config_type_0 = RoundConfig.from_dict(data)

                return round_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoundConfig | Unset, data)

        round_config = _parse_round_config(d.pop("round_config", UNSET))

        def _parse_round_data(data: object) -> None | RoundData | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                round_data_type_0 = RoundData.from_dict(data)

                return round_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoundData | Unset, data)

        round_data = _parse_round_data(d.pop("round_data", UNSET))

        _combiners = d.pop("combiners", UNSET)
        combiners: list[RoundCombiner] | Unset = UNSET
        if _combiners is not UNSET:
            combiners = []
            for combiners_item_data in _combiners:
                combiners_item = RoundCombiner.from_dict(combiners_item_data)

                combiners.append(combiners_item)

        def _parse_committed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        committed_at = _parse_committed_at(d.pop("committed_at", UNSET))

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        round_ = cls(
            round_id=round_id,
            status=status,
            round_config=round_config,
            round_data=round_data,
            combiners=combiners,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        round_.additional_properties = d
        return round_

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
