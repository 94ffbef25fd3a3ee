from enum import StrEnum


class ControllerState(StrEnum):
    IDLE = "idle"
    INSTRUCTING = "instructing"
    MONITORING = "monitoring"
    SETUP = "setup"
    UNKNOWN = "UNKNOWN"

    def __str__(self) -> str:
        return str(self.value)
