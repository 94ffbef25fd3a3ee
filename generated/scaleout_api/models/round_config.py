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
    from ..models.client_settings import ClientSettings


T = TypeVar("T", bound="RoundConfig")


@_attrs_define
class RoundConfig:
    """The configuration of one round; every SessionConfig field plus these.

    Example:
        {'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'task': 'training', 'rounds': 5, 'round_id': '3',
            'client_settings': {}, 'is_sl_inference': False, 'selected_clients': None, 'aggregator': 'fedavg',
            'round_timeout': 180, 'validate': True, 'helper_type': 'numpyhelper', 'model_id':
            '6c2b1a0f-7e4d-4b3a-8c9d-0e1f2a3b4c5d'}

    Attributes:
        session_id (None | str | Unset):
        task (None | str | Unset):
        rounds (int | None | Unset):
        round_id (None | str | Unset):
        client_settings (ClientSettings | None | Unset):
        is_sl_inference (bool | None | Unset):
        selected_clients (list[str] | None | Unset):
        aggregator (Aggregator | None | Unset):
        round_timeout (float | None | Unset):
        validate (bool | None | Unset):
        helper_type (Helper | None | Unset):
        model_id (None | str | Unset):
        aggregator_kwargs (AggregatorKwargs | None | Unset):
        buffer_size (int | None | Unset):
        delete_models_storage (bool | None | Unset):
        clients_required (int | None | Unset):
        requested_clients (int | None | Unset):
        server_functions (None | str | Unset):
    """

    session_id: None | str | Unset = UNSET
    task: None | str | Unset = UNSET
    rounds: int | None | Unset = UNSET
    round_id: None | str | Unset = UNSET
    client_settings: ClientSettings | None | Unset = UNSET
    is_sl_inference: bool | None | Unset = UNSET
    selected_clients: list[str] | None | Unset = UNSET
    aggregator: Aggregator | None | Unset = UNSET
    round_timeout: float | None | Unset = UNSET
    validate: bool | None | Unset = UNSET
    helper_type: Helper | None | Unset = UNSET
    model_id: None | str | Unset = UNSET
    aggregator_kwargs: AggregatorKwargs | None | Unset = UNSET
    buffer_size: int | None | Unset = UNSET
    delete_models_storage: bool | None | Unset = UNSET
    clients_required: int | None | Unset = UNSET
    requested_clients: int | None | Unset = UNSET
    server_functions: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.aggregator_kwargs import AggregatorKwargs  # noqa: PLC0415
        from ..models.client_settings import ClientSettings  # noqa: PLC0415

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        task: None | str | Unset
        if isinstance(self.task, Unset):
            task = UNSET
        else:
            task = self.task

        rounds: int | None | Unset
        if isinstance(self.rounds, Unset):
            rounds = UNSET
        else:
            rounds = self.rounds

        round_id: None | str | Unset
        if isinstance(self.round_id, Unset):
            round_id = UNSET
        else:
            round_id = self.round_id

        client_settings: dict[str, Any] | None | Unset
        if isinstance(self.client_settings, Unset):
            client_settings = UNSET
        elif isinstance(self.client_settings, ClientSettings):
            client_settings = self.client_settings.to_dict()
        else:
            client_settings = self.client_settings

        is_sl_inference: bool | None | Unset
        if isinstance(self.is_sl_inference, Unset):
            is_sl_inference = UNSET
        else:
            is_sl_inference = self.is_sl_inference

        selected_clients: list[str] | None | Unset
        if isinstance(self.selected_clients, Unset):
            selected_clients = UNSET
        elif isinstance(self.selected_clients, list):
            selected_clients = self.selected_clients

        else:
            selected_clients = self.selected_clients

        aggregator: None | str | Unset
        if isinstance(self.aggregator, Unset):
            aggregator = UNSET
        elif isinstance(self.aggregator, str):
            aggregator = self.aggregator
        else:
            aggregator = self.aggregator

        round_timeout: float | None | Unset
        if isinstance(self.round_timeout, Unset):
            round_timeout = UNSET
        else:
            round_timeout = self.round_timeout

        validate: bool | None | Unset
        if isinstance(self.validate, Unset):
            validate = UNSET
        else:
            validate = self.validate

        helper_type: None | str | Unset
        if isinstance(self.helper_type, Unset):
            helper_type = UNSET
        elif isinstance(self.helper_type, str):
            helper_type = self.helper_type
        else:
            helper_type = self.helper_type

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        aggregator_kwargs: dict[str, Any] | None | Unset
        if isinstance(self.aggregator_kwargs, Unset):
            aggregator_kwargs = UNSET
        elif isinstance(self.aggregator_kwargs, AggregatorKwargs):
            aggregator_kwargs = self.aggregator_kwargs.to_dict()
        else:
            aggregator_kwargs = self.aggregator_kwargs

        buffer_size: int | None | Unset
        if isinstance(self.buffer_size, Unset):
            buffer_size = UNSET
        else:
            buffer_size = self.buffer_size

        delete_models_storage: bool | None | Unset
        if isinstance(self.delete_models_storage, Unset):
            delete_models_storage = UNSET
        else:
            delete_models_storage = self.delete_models_storage

        clients_required: int | None | Unset
        if isinstance(self.clients_required, Unset):
            clients_required = UNSET
        else:
            clients_required = self.clients_required

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
        field_dict.update({})
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if task is not UNSET:
            field_dict["task"] = task
        if rounds is not UNSET:
            field_dict["rounds"] = rounds
        if round_id is not UNSET:
            field_dict["round_id"] = round_id
        if client_settings is not UNSET:
            field_dict["client_settings"] = client_settings
        if is_sl_inference is not UNSET:
            field_dict["is_sl_inference"] = is_sl_inference
        if selected_clients is not UNSET:
            field_dict["selected_clients"] = selected_clients
        if aggregator is not UNSET:
            field_dict["aggregator"] = aggregator
        if round_timeout is not UNSET:
            field_dict["round_timeout"] = round_timeout
        if validate is not UNSET:
            field_dict["validate"] = validate
        if helper_type is not UNSET:
            field_dict["helper_type"] = helper_type
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if aggregator_kwargs is not UNSET:
            field_dict["aggregator_kwargs"] = aggregator_kwargs
        if buffer_size is not UNSET:
            field_dict["buffer_size"] = buffer_size
        if delete_models_storage is not UNSET:
            field_dict["delete_models_storage"] = delete_models_storage
        if clients_required is not UNSET:
            field_dict["clients_required"] = clients_required
        if requested_clients is not UNSET:
            field_dict["requested_clients"] = requested_clients
        if server_functions is not UNSET:
            field_dict["server_functions"] = server_functions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregator_kwargs import AggregatorKwargs  # noqa: PLC0415
        from ..models.client_settings import ClientSettings  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_task(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task = _parse_task(d.pop("task", UNSET))

        def _parse_rounds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rounds = _parse_rounds(d.pop("rounds", UNSET))

        def _parse_round_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        round_id = _parse_round_id(d.pop("round_id", UNSET))

        def _parse_client_settings(data: object) -> ClientSettings | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                client_settings_type_0 = ClientSettings.from_dict(data)

                return client_settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientSettings | None | Unset, data)

        client_settings = _parse_client_settings(d.pop("client_settings", UNSET))

        def _parse_is_sl_inference(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_sl_inference = _parse_is_sl_inference(d.pop("is_sl_inference", UNSET))

        def _parse_selected_clients(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                selected_clients_type_0 = cast(list[str], data)

                return selected_clients_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        selected_clients = _parse_selected_clients(d.pop("selected_clients", UNSET))

        def _parse_aggregator(data: object) -> Aggregator | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                aggregator_type_0 = check_aggregator(data)

                return aggregator_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Aggregator | None | Unset, data)

        aggregator = _parse_aggregator(d.pop("aggregator", UNSET))

        def _parse_round_timeout(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        round_timeout = _parse_round_timeout(d.pop("round_timeout", UNSET))

        def _parse_validate(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        validate = _parse_validate(d.pop("validate", UNSET))

        def _parse_helper_type(data: object) -> Helper | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                helper_type_type_0 = check_helper(data)

                return helper_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Helper | None | Unset, data)

        helper_type = _parse_helper_type(d.pop("helper_type", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

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

        def _parse_buffer_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        buffer_size = _parse_buffer_size(d.pop("buffer_size", UNSET))

        def _parse_delete_models_storage(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        delete_models_storage = _parse_delete_models_storage(d.pop("delete_models_storage", UNSET))

        def _parse_clients_required(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        clients_required = _parse_clients_required(d.pop("clients_required", UNSET))

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

        round_config = cls(
            session_id=session_id,
            task=task,
            rounds=rounds,
            round_id=round_id,
            client_settings=client_settings,
            is_sl_inference=is_sl_inference,
            selected_clients=selected_clients,
            aggregator=aggregator,
            round_timeout=round_timeout,
            validate=validate,
            helper_type=helper_type,
            model_id=model_id,
            aggregator_kwargs=aggregator_kwargs,
            buffer_size=buffer_size,
            delete_models_storage=delete_models_storage,
            clients_required=clients_required,
            requested_clients=requested_clients,
            server_functions=server_functions,
        )

        round_config.additional_properties = d
        return round_config

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
