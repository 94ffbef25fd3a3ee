from typing import Literal

SessionStatus = Literal["Created", "Failed", "Finished", "Started", "Terminated"]

SESSION_STATUS_VALUES: set[SessionStatus] = {
    "Created",
    "Failed",
    "Finished",
    "Started",
    "Terminated",
}


def check_session_status(value: str) -> SessionStatus:
    if value in SESSION_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SESSION_STATUS_VALUES!r}")
