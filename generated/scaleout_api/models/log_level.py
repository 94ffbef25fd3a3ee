from enum import StrEnum


class LogLevel(StrEnum):
    AUDIT = "AUDIT"
    DEBUG = "DEBUG"
    ERROR = "ERROR"
    INFO = "INFO"
    NONE = "NONE"
    WARNING = "WARNING"

    def __str__(self) -> str:
        return str(self.value)
