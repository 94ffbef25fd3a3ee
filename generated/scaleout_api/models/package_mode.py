from typing import Literal

PackageMode = Literal["local", "remote"]

PACKAGE_MODE_VALUES: set[PackageMode] = {
    "local",
    "remote",
}


def check_package_mode(value: str) -> PackageMode:
    if value in PACKAGE_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PACKAGE_MODE_VALUES!r}")
