from enum import StrEnum


class RoundStatus(StrEnum):
    FAILED = "Failed"
    FINISHED = "Finished"
    PENDING = "Pending"
    SUCCESS = "Success"
    TERMINATED = "Terminated"

    def __str__(self) -> str:
        return str(self.value)
