from enum import StrEnum


class ServerOptimizer(StrEnum):
    ADAGRAD = "adagrad"
    ADAM = "adam"
    YOGI = "yogi"

    def __str__(self) -> str:
        return str(self.value)
