from enum import StrEnum


class ClientStatus(StrEnum):
    AVAILABLE = "available"
    OFFLINE = "offline"
    ONLINE = "online"

    def __str__(self) -> str:
        return str(self.value)
