from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.round_status import RoundStatus, check_round_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.round_combiner_config import RoundCombinerConfig
    from ..models.round_combiner_data import RoundCombinerData


T = TypeVar("T", bound="RoundCombiner")


@_attrs_define
class RoundCombiner:
    """One combiner's part of a round.

    Example:
        {'round_id': '3', 'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'name': 'combiner-0', 'status': 'Success',
            'time_exec_training': 0.31, 'config': {}, 'data': {'aggregation_time': {'nr_aggregated_models': 3,
            'time_model_aggregation': 0.004, 'time_model_load': 0.002}, 'nr_expected_updates': 3, 'nr_required_updates': 1,
            'time_combination': 0.35, 'timeout': 180}}

    Attributes:
        round_id (None | str | Unset):
        model_id (None | str | Unset):
        name (None | str | Unset):
        status (None | RoundStatus | Unset): `Success` or `Failed`.
        time_exec_training (float | None | Unset):
        config (None | RoundCombinerConfig | Unset):
        data (None | RoundCombinerData | Unset):
    """

    round_id: None | str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    status: None | RoundStatus | Unset = UNSET
    time_exec_training: float | None | Unset = UNSET
    config: None | RoundCombinerConfig | Unset = UNSET
    data: None | RoundCombinerData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.round_combiner_config import RoundCombinerConfig  # noqa: PLC0415
        from ..models.round_combiner_data import RoundCombinerData  # noqa: PLC0415

        round_id: None | str | Unset
        if isinstance(self.round_id, Unset):
            round_id = UNSET
        else:
            round_id = self.round_id

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        time_exec_training: float | None | Unset
        if isinstance(self.time_exec_training, Unset):
            time_exec_training = UNSET
        else:
            time_exec_training = self.time_exec_training

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, RoundCombinerConfig):
            config = self.config.to_dict()
        else:
            config = self.config

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, RoundCombinerData):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if round_id is not UNSET:
            field_dict["round_id"] = round_id
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if time_exec_training is not UNSET:
            field_dict["time_exec_training"] = time_exec_training
        if config is not UNSET:
            field_dict["config"] = config
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.round_combiner_config import RoundCombinerConfig  # noqa: PLC0415
        from ..models.round_combiner_data import RoundCombinerData  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_round_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        round_id = _parse_round_id(d.pop("round_id", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        def _parse_time_exec_training(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        time_exec_training = _parse_time_exec_training(d.pop("time_exec_training", UNSET))

        def _parse_config(data: object) -> None | RoundCombinerConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = RoundCombinerConfig.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoundCombinerConfig | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_data(data: object) -> None | RoundCombinerData | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = RoundCombinerData.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoundCombinerData | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        round_combiner = cls(
            round_id=round_id,
            model_id=model_id,
            name=name,
            status=status,
            time_exec_training=time_exec_training,
            config=config,
            data=data,
        )

        round_combiner.additional_properties = d
        return round_combiner

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
