"""Python SDK for the Scaleout Edge federated-learning controller.

>>> from scaleout import Scaleout
>>> with Scaleout("https://edge.example.com", token="...") as client:
...     client.get_controller_status()

``AsyncScaleout`` has the same methods as coroutines (``async with``, ``await``).
"""

from ._client import AsyncScaleout, Scaleout
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ArgumentTypeError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    DownloadError,
    InternalServerError,
    InvalidArgumentError,
    MissingFileError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ScaleoutError,
    SessionStateError,
    TokenRefreshError,
    UnsupportedFilterError,
    UnsupportedOperationError,
    UploadError,
    WaitTimeoutError,
)
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ArgumentTypeError",
    "AsyncScaleout",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "DownloadError",
    "InternalServerError",
    "InvalidArgumentError",
    "MissingFileError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "Scaleout",
    "ScaleoutError",
    "SessionStateError",
    "TokenRefreshError",
    "UnsupportedFilterError",
    "UnsupportedOperationError",
    "UploadError",
    "WaitTimeoutError",
    "__version__",
]
