from enum import StrEnum


class Helper(StrEnum):
    ANDROIDHELPER = "androidhelper"
    BINARYHELPER = "binaryhelper"
    NUMPYHELPER = "numpyhelper"

    def __str__(self) -> str:
        return str(self.value)
