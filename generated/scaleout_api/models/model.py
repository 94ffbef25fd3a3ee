from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Model")


@_attrs_define
class Model:
    """A model in the model trail. `model` is a legacy alias of `model_id`. The seed model has
    no parent and no session. Edge may add `allow_training` (inferred).

        Example:
            {'model_id': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'model': '1f9a8e3c-51b8-4c1e-9a0e-2b9c6f0d7a11', 'name':
                'round-3', 'parent_model': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'session_id':
                '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'allow_training': True, 'committed_at': 'Wed, 04 Mar 2026 16:43:40 GMT',
                'updated_at': 'Wed, 04 Mar 2026 16:43:40 GMT'}

        Attributes:
            model_id (str):
            model (None | str | Unset): Legacy alias of `model_id`.
            name (None | str | Unset):
            parent_model (None | str | Unset):
            session_id (None | str | Unset):
            allow_training (bool | None | Unset):
            committed_at (None | str | Unset):
            updated_at (None | str | Unset):
    """

    model_id: str
    model: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    parent_model: None | str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    allow_training: bool | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        parent_model: None | str | Unset
        if isinstance(self.parent_model, Unset):
            parent_model = UNSET
        else:
            parent_model = self.parent_model

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        allow_training: bool | None | Unset
        if isinstance(self.allow_training, Unset):
            allow_training = UNSET
        else:
            allow_training = self.allow_training

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
                "model_id": model_id,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if name is not UNSET:
            field_dict["name"] = name
        if parent_model is not UNSET:
            field_dict["parent_model"] = parent_model
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if allow_training is not UNSET:
            field_dict["allow_training"] = allow_training
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model_id = d.pop("model_id")

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_parent_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_model = _parse_parent_model(d.pop("parent_model", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_allow_training(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_training = _parse_allow_training(d.pop("allow_training", UNSET))

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

        model = cls(
            model_id=model_id,
            model=model,
            name=name,
            parent_model=parent_model,
            session_id=session_id,
            allow_training=allow_training,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        model.additional_properties = d
        return model

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
