"""The interface of the vendor's ``scaleout`` 1.0.1 client that ``Scaleout`` keeps.

For each method: its positional parameters in order, each ``name`` or ``name=default`` (the
default as a Python literal). ``DOCUMENTED`` holds the methods of the vendor's published API
reference for ``scaleout.Scaleout`` (28 entries, the constructor among them); ``UNDOCUMENTED``
the public methods of the 1.0.1 client that the reference does not list. Type annotations are
left out: code written against 1.0.1 depends on names, order and defaults.
"""

from __future__ import annotations

DOCUMENTED: dict[str, tuple[str, ...]] = {
    "__init__": (
        "host",
        "port=None",
        "secure=None",
        "verify=True",
        "token=None",
        "auth_scheme=None",
        "token_endpoint=None",
        "access_token_provider=None",
    ),
    "add_attributes": ("attribute",),
    "add_status": ("status",),
    "continue_session": ("session_id", "rounds=5", "round_timeout=180"),
    "get_active_clients": ("combiner_id=None", "n_max=None"),
    "get_active_model": (),
    "get_active_package": (),
    "get_client_config": ("checksum=True",),
    "get_clients_count": ("only_active=False",),
    "get_combiners_count": (),
    "get_controller_status": (),
    "get_current_attributes": ("node_list",),
    "get_model_trail": ("id=None", "include_self=True", "reverse=True", "n_max=None"),
    "get_models_count": (),
    "get_package_checksum": (),
    "get_packages_count": (),
    "get_predictions": ("model_id=None", "correlation_id=None", "client_id=None", "n_max=None"),
    "get_rounds_count": (),
    "get_sessions_count": (),
    "get_statuses": (
        "session_id=None",
        "event_type=None",
        "sender_name=None",
        "sender_role=None",
        "n_max=None",
    ),
    "get_statuses_count": (),
    "get_validations": (
        "session_id=None",
        "model_id=None",
        "correlation_id=None",
        "sender_name=None",
        "sender_role=None",
        "sender_client_id=None",
        "n_max=None",
    ),
    "get_validations_count": ("session_id=None",),
    "run_custom_command": (
        "command_type",
        "blocking=False",
        "timeout=None",
        "client_ids=None",
        "parameters=None",
    ),
    "set_active_model": ("path",),
    "set_active_package": ("path", "helper", "name", "description=''"),
    "start_predictions": ("prediction_id=None", "model_id=None"),
    "start_session": (
        "name=None",
        "aggregator='fedavg'",
        "aggregator_kwargs=None",
        "model_id=None",
        "round_timeout=180",
        "rounds=5",
        "round_buffer_size=-1",
        "delete_models=True",
        "validate=True",
        "helper=None",
        "min_clients=1",
        "requested_clients=8",
        "server_functions=None",
    ),
}

UNDOCUMENTED: dict[str, tuple[str, ...]] = {
    "get_client": ("id",),
    "get_clients": ("n_max=None",),
    "get_combiner": ("id",),
    "get_combiners": ("n_max=None",),
    "get_model": ("id",),
    "get_models": ("session_id=None", "n_max=None"),
    "download_model": ("id", "path"),
    "get_package": ("id",),
    "get_packages": ("n_max=None",),
    "download_package": ("path",),
    "get_round": ("id",),
    "get_rounds": ("n_max=None", "filter=None"),
    "get_session": ("id=None", "name=None"),
    "get_sessions": ("n_max=None", "name=None"),
    "get_session_status": ("id",),
    "session_is_finished": ("id",),
    "get_status": ("id",),
    "get_validation": ("id",),
    "get_attribute_trail": ("node_id",),
    "step_current_session": (),
    "stop_current_session": (),
}
