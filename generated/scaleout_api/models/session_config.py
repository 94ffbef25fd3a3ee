from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.aggregator import Aggregator, check_aggregator
from ..models.helper import Helper, check_helper
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aggregator_kwargs import AggregatorKwargs


T = TypeVar("T", bound="SessionConfig")


@_attrs_define
class SessionConfig:
    """The configuration of a session. Servers require the eight `required` fields; a `default`
    here is the value the documented clients send when their caller does not choose one
    (`helper_type` and `model_id` have none: clients send the active helper and the newest
    model).

        Example:
            {'aggregator': 'fedavg', 'aggregator_kwargs': None, 'round_timeout': 180, 'buffer_size': -1, 'rounds': 5,
                'delete_models_storage': True, 'clients_required': 1, 'requested_clients': 8, 'validate': True, 'helper_type':
                'numpyhelper', 'model_id': '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d', 'server_functions': None}

        Attributes:
            aggregator (Aggregator): The aggregation algorithm. `fedopt` takes `serveropt` (`adam`, `yogi` or `adagrad`),
                `learning_rate`, `beta1`, `beta2` and `tau` in `aggregator_kwargs`.
            round_timeout (float): Seconds a round may take. Non-zero. Default: 180.0.
            buffer_size (int): The round buffer size; -1 for none. Non-zero. Default: -1.
            delete_models_storage (bool): Delete the combiners' intermediate models. Default: True.
            clients_required (int): The minimum number of clients a round needs. Default: 1.
            validate (bool): Validate the model after each round. Default: True.
            helper_type (Helper): The model helper (serialization format). `.npz` files use `numpyhelper`, `.bin` files
                `binaryhelper`. Example: numpyhelper.
            model_id (str): The model the session starts from.
            aggregator_kwargs (AggregatorKwargs | None | Unset):
            rounds (int | None | Unset):  Default: 5.
            requested_clients (int | None | Unset): How many clients a round asks for. Default: 8.
            server_functions (None | str | Unset): Python source of a ServerFunctionsBase subclass.
    """

    aggregator: Aggregator
    helper_type: Helper
    model_id: str
    round_timeout: float = 180.0
    buffer_size: int = -1
    delete_models_storage: bool = True
    clients_required: int = 1
    validate: bool = True
    aggregator_kwargs: AggregatorKwargs | None | Unset = UNSET
    rounds: int | None | Unset = 5
    requested_clients: int | None | Unset = 8
    server_functions: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.aggregator_kwargs import AggregatorKwargs  # noqa: PLC0415

        aggregator: str = self.aggregator

        round_timeout = self.round_timeout

        buffer_size = self.buffer_size

        delete_models_storage = self.delete_models_storage

        clients_required = self.clients_required

        validate = self.validate

        helper_type: str = self.helper_type

        model_id = self.model_id

        aggregator_kwargs: dict[str, Any] | None | Unset
        if isinstance(self.aggregator_kwargs, Unset):
            aggregator_kwargs = UNSET
        elif isinstance(self.aggregator_kwargs, AggregatorKwargs):
            aggregator_kwargs = self.aggregator_kwargs.to_dict()
        else:
            aggregator_kwargs = self.aggregator_kwargs

        rounds: int | None | Unset
        if isinstance(self.rounds, Unset):
            rounds = UNSET
        else:
            rounds = self.rounds

        requested_clients: int | None | Unset
        if isinstance(self.requested_clients, Unset):
            requested_clients = UNSET
        else:
            requested_clients = self.requested_clients

        server_functions: None | str | Unset
        if isinstance(self.server_functions, Unset):
            server_functions = UNSET
        else:
            server_functions = self.server_functions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aggregator": aggregator,
                "round_timeout": round_timeout,
                "buffer_size": buffer_size,
                "delete_models_storage": delete_models_storage,
                "clients_required": clients_required,
                "validate": validate,
                "helper_type": helper_type,
                "model_id": model_id,
            }
        )
        if aggregator_kwargs is not UNSET:
            field_dict["aggregator_kwargs"] = aggregator_kwargs
        if rounds is not UNSET:
            field_dict["rounds"] = rounds
        if requested_clients is not UNSET:
            field_dict["requested_clients"] = requested_clients
        if server_functions is not UNSET:
            field_dict["server_functions"] = server_functions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregator_kwargs import AggregatorKwargs  # noqa: PLC0415

        d = dict(src_dict)
        aggregator = check_aggregator(d.pop("aggregator"))

        round_timeout = d.pop("round_timeout")

        buffer_size = d.pop("buffer_size")

        delete_models_storage = d.pop("delete_models_storage")

        clients_required = d.pop("clients_required")

        validate = d.pop("validate")

        helper_type = check_helper(d.pop("helper_type"))

        model_id = d.pop("model_id")

        def _parse_aggregator_kwargs(data: object) -> AggregatorKwargs | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                aggregator_kwargs_type_0 = AggregatorKwargs.from_dict(data)

                return aggregator_kwargs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AggregatorKwargs | None | Unset, data)

        aggregator_kwargs = _parse_aggregator_kwargs(d.pop("aggregator_kwargs", UNSET))

        def _parse_rounds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rounds = _parse_rounds(d.pop("rounds", UNSET))

        def _parse_requested_clients(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        requested_clients = _parse_requested_clients(d.pop("requested_clients", UNSET))

        def _parse_server_functions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        server_functions = _parse_server_functions(d.pop("server_functions", UNSET))

        session_config = cls(
            aggregator=aggregator,
            round_timeout=round_timeout,
            buffer_size=buffer_size,
            delete_models_storage=delete_models_storage,
            clients_required=clients_required,
            validate=validate,
            helper_type=helper_type,
            model_id=model_id,
            aggregator_kwargs=aggregator_kwargs,
            rounds=rounds,
            requested_clients=requested_clients,
            server_functions=server_functions,
        )

        session_config.additional_properties = d
        return session_config

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
