"""Python SDK for the Scaleout Edge federated-learning controller.

>>> from scaleout import Scaleout
>>> with Scaleout("https://edge.example.com", token="...") as client:
...     client.get_controller_status()
"""

from ._client import Scaleout
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DownloadError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ScaleoutError,
    SessionStateError,
    TokenRefreshError,
    UploadError,
    WaitTimeoutError,
)
from ._validation import MissingFileError
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DownloadError",
    "InternalServerError",
    "MissingFileError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "Scaleout",
    "ScaleoutError",
    "SessionStateError",
    "TokenRefreshError",
    "UploadError",
    "WaitTimeoutError",
    "__version__",
]
