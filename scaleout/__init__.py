"""Python SDK for the Scaleout Edge federated-learning controller.

>>> from scaleout import Scaleout
>>> with Scaleout("https://edge.example.com", token="...") as client:
...     client.get_controller_status()

``AsyncScaleout`` has the same methods as coroutines (``async with``, ``await``).

This distribution (``scaleout-sdk``) replaces the vendor's ``scaleout`` client module; the two
cannot share an environment (see ``VendorClashWarning``).

The names below load on first use: importing a submodule alone, such as ``scaleout.testing``
(the pytest plugin every pytest run loads once this package is installed), costs no httpx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._clash import VendorClashWarning, warn_if_vendor_installed
from ._logs import setup_from_env as _setup_logging_from_env
from ._version import __version__

if TYPE_CHECKING:
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
        UnsupportedFilterError,
        UnsupportedOperationError,
        UploadError,
        WaitTimeoutError,
    )

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
    "UnsupportedFilterError",
    "UnsupportedOperationError",
    "UploadError",
    "VendorClashWarning",
    "WaitTimeoutError",
    "__version__",
]

_setup_logging_from_env()
warn_if_vendor_installed()

# Hidden from type checkers: a module __getattr__ would make a misspelled name type as Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        if name in ("AsyncScaleout", "Scaleout"):
            from . import _client as module
        else:
            from . import _exceptions as module
        value = getattr(module, name)
        globals()[name] = value  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
