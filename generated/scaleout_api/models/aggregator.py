from typing import Literal

Aggregator = Literal["fedavg", "fedopt"]

AGGREGATOR_VALUES: set[Aggregator] = {
    "fedavg",
    "fedopt",
}


def check_aggregator(value: str) -> Aggregator:
    if value in AGGREGATOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AGGREGATOR_VALUES!r}")
