from typing import Literal

ControllerState = Literal["idle", "instructing", "monitoring", "setup", "UNKNOWN"]

CONTROLLER_STATE_VALUES: set[ControllerState] = {
    "idle",
    "instructing",
    "monitoring",
    "setup",
    "UNKNOWN",
}


def check_controller_state(value: str) -> ControllerState:
    if value in CONTROLLER_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTROLLER_STATE_VALUES!r}")
