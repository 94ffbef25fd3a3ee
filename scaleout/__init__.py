"""Python SDK for the Scaleout Edge federated-learning controller.

>>> from scaleout import Scaleout
>>> with Scaleout("https://edge.example.com", token="...") as client:
...     client.get_controller_status()

``AsyncScaleout`` has the same methods as coroutines (``async with``, ``await``).

This distribution (``scaleout-sdk``) replaces the vendor's ``scaleout`` client module; the two
cannot share an environment (see ``VendorClashWarning``).
"""

from ._clash import VendorClashWarning, warn_if_vendor_installed
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
    MissingExtraError,
    MissingFileError,
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
from ._logs import setup_from_env as _setup_logging_from_env
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
    "MissingExtraError",
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
    "VendorClashWarning",
    "WaitTimeoutError",
    "__version__",
]

_setup_logging_from_env()
warn_if_vendor_installed()
