from enum import StrEnum


class CommandStatus(StrEnum):
    COMPLETED = "COMPLETED"
    CREATED = "CREATED"
    FAILED = "FAILED"
    INTERRUPTED = "INTERRUPTED"
    NEW = "NEW"
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    TIMEOUT = "TIMEOUT"
    UNKNOWN = "UNKNOWN"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
