from enum import StrEnum


class PackageMode(StrEnum):
    LOCAL = "local"
    REMOTE = "remote"

    def __str__(self) -> str:
        return str(self.value)
