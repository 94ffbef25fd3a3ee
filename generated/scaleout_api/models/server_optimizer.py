from typing import Literal

ServerOptimizer = Literal["adagrad", "adam", "yogi"]

SERVER_OPTIMIZER_VALUES: set[ServerOptimizer] = {
    "adagrad",
    "adam",
    "yogi",
}


def check_server_optimizer(value: str) -> ServerOptimizer:
    if value in SERVER_OPTIMIZER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SERVER_OPTIMIZER_VALUES!r}")
