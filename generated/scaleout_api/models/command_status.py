from typing import Literal

CommandStatus = Literal[
    "", "COMPLETED", "CREATED", "FAILED", "INTERRUPTED", "NEW", "PENDING", "RUNNING", "TIMEOUT", "UNKNOWN"
]

COMMAND_STATUS_VALUES: set[CommandStatus] = {
    "",
    "COMPLETED",
    "CREATED",
    "FAILED",
    "INTERRUPTED",
    "NEW",
    "PENDING",
    "RUNNING",
    "TIMEOUT",
    "UNKNOWN",
}


def check_command_status(value: str) -> CommandStatus:
    if value in COMMAND_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COMMAND_STATUS_VALUES!r}")
