from enum import StrEnum


class CredentialType(StrEnum):
    API_KEY = "api_key"
    CLIENT_REFRESH = "client_refresh"
    ENROLLMENT = "enrollment"
    REFRESH_TOKEN = "refresh_token"

    def __str__(self) -> str:
        return str(self.value)
