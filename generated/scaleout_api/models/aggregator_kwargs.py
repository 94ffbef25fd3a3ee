from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.server_optimizer import ServerOptimizer, check_server_optimizer
from ..types import UNSET, Unset

T = TypeVar("T", bound="AggregatorKwargs")


@_attrs_define
class AggregatorKwargs:
    """Options of the aggregator. `fedopt` reads the ones listed here; other aggregators may
    read other keys. FEDn 0.33 declares the field a string but stores what it gets.

        Example:
            {'serveropt': 'adam', 'learning_rate': 0.001, 'beta1': 0.9, 'beta2': 0.99, 'tau': 0.0001}

        Attributes:
            serveropt (ServerOptimizer | Unset): The server optimizer of `fedopt`.
            learning_rate (float | Unset):
            beta1 (float | Unset):
            beta2 (float | Unset):
            tau (float | Unset):
    """

    serveropt: ServerOptimizer | Unset = UNSET
    learning_rate: float | Unset = UNSET
    beta1: float | Unset = UNSET
    beta2: float | Unset = UNSET
    tau: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        serveropt: str | Unset = UNSET
        if not isinstance(self.serveropt, Unset):
            serveropt = self.serveropt

        learning_rate = self.learning_rate

        beta1 = self.beta1

        beta2 = self.beta2

        tau = self.tau

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if serveropt is not UNSET:
            field_dict["serveropt"] = serveropt
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if beta1 is not UNSET:
            field_dict["beta1"] = beta1
        if beta2 is not UNSET:
            field_dict["beta2"] = beta2
        if tau is not UNSET:
            field_dict["tau"] = tau

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _serveropt = d.pop("serveropt", UNSET)
        serveropt: ServerOptimizer | Unset
        if isinstance(_serveropt, Unset):
            serveropt = UNSET
        else:
            serveropt = check_server_optimizer(_serveropt)

        learning_rate = d.pop("learning_rate", UNSET)

        beta1 = d.pop("beta1", UNSET)

        beta2 = d.pop("beta2", UNSET)

        tau = d.pop("tau", UNSET)

        aggregator_kwargs = cls(
            serveropt=serveropt,
            learning_rate=learning_rate,
            beta1=beta1,
            beta2=beta2,
            tau=tau,
        )

        aggregator_kwargs.additional_properties = d
        return aggregator_kwargs

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
