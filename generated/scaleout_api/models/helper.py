from typing import Literal

Helper = Literal["androidhelper", "binaryhelper", "numpyhelper"]

HELPER_VALUES: set[Helper] = {
    "androidhelper",
    "binaryhelper",
    "numpyhelper",
}


def check_helper(value: str) -> Helper:
    if value in HELPER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HELPER_VALUES!r}")
