from enum import StrEnum


class SessionStatus(StrEnum):
    CREATED = "Created"
    FAILED = "Failed"
    FINISHED = "Finished"
    STARTED = "Started"
    TERMINATED = "Terminated"

    def __str__(self) -> str:
        return str(self.value)
