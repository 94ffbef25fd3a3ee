from enum import StrEnum


class Aggregator(StrEnum):
    FEDAVG = "fedavg"
    FEDOPT = "fedopt"

    def __str__(self) -> str:
        return str(self.value)
