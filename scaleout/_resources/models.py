"""Models: the model trail, uploads of seed models and downloads of model files."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from .. import _validation as check
from .._downloads import ProgressCallback as DownloadProgress
from .._downloads import download_to
from .._operations import body, build_request
from .._paging import DEFAULT_PAGE_SIZE
from .._uploads import ProgressCallback as UploadProgress
from .._uploads import upload_file
from ._base import Resource

#: Model helpers by file extension (compared case-insensitively).
HELPERS_BY_EXTENSION = {".npz": "numpyhelper", ".bin": "binaryhelper"}
HELPERS = ("numpyhelper", "binaryhelper", "androidhelper")


def helper_for(path: os.PathLike[str] | str, helper: str | None) -> str:
    """The helper for a model file: the explicit one, else the one its extension implies."""
    if helper is not None:
        check.require_str("helper", helper)
        if helper not in HELPERS:
            raise ValueError(f"helper must be one of {', '.join(HELPERS)}; got {helper!r}")
        return helper
    extension = os.path.splitext(os.fspath(path))[1].lower()
    try:
        return HELPERS_BY_EXTENSION[extension]
    except KeyError:
        known = ", ".join(f"{ext} ({name})" for ext, name in HELPERS_BY_EXTENSION.items())
        raise ValueError(
            f"path: cannot tell the helper of a {extension or 'extensionless'!r} model file; "
            f"known extensions are {known}. Pass helper= one of {', '.join(HELPERS)}."
        ) from None


class ModelsResource(Resource):
    def get_model(self, id: str) -> dict[str, Any]:
        """Get a model by its id.

        :param id: The model id.
        :return: The model.
        :raises NotFoundError: If there is no such model.
        """
        result: dict[str, Any] = self._call(
            "models.get_model", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_models(self, session_id: str | None = None, n_max: int | None = None) -> dict[str, Any]:
        """Get models, newest first.

        :param session_id: Only the models of this session.
        :param n_max: The maximum number of models to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [model, ...]}``.
        """
        # An unset (None) filter is left out of the query by the generated request builder.
        session = check.optional_str("session_id", session_id)
        result: dict[str, Any] = self._list(
            "models.list_models", check.n_max(n_max), session_id=session
        )
        return result

    def get_models_count(self) -> int:
        """Get the number of models.

        :return: The number of models.
        """
        result: int = self._call("models.count_models", expect=int)
        return result

    def get_active_model(self) -> dict[str, Any] | None:
        """Get the newest model, which new sessions start from.

        :return: The model, or ``None`` when there is no model yet.
        """
        return self._newest_model()

    def get_model_trail(
        self,
        id: str | None = None,
        include_self: bool = True,
        reverse: bool = True,
        n_max: int | None = None,
    ) -> list[dict[str, Any]]:
        """Get the trail of models that led to a model.

        :param id: The model to start from; the newest model when ``None``.
        :param include_self: Include the model itself.
        :param reverse: Oldest (the seed model) first.
        :param n_max: The maximum number of models (``None`` or 0: the whole trail).
        :return: A list of models; empty when there is no model yet.
        """
        model_id = check.optional_str("id", id)
        check.require_bool("include_self", include_self)
        check.require_bool("reverse", reverse)
        limit = check.n_max(n_max)
        if model_id is None:
            active = self.get_active_model()
            if active is None:
                return []
            model_id = active["model_id"]
        if limit is None:
            # Without X-Limit the server stops at 10; the whole trail is at most every model.
            limit = max(self.get_models_count(), 1)
        result: list[dict[str, Any]] = self._call(
            "models.get_model_ancestors",
            expect=list,
            id=model_id,
            include_self=include_self,
            x_limit=limit,
            x_reverse=reverse,
        )
        return result

    def download_model(
        self, id: str, path: str | os.PathLike[str], *, progress: DownloadProgress | None = None
    ) -> dict[str, Any]:
        """Download a model file.

        The file is streamed to a temporary file beside ``path`` and renamed into place when
        complete; a failed download leaves no partial file.

        :param id: The model id.
        :param path: The file to write (or an existing folder to write it into).
        :param progress: Called as ``progress(bytes_received, total_or_None)``.
        :return: ``{"success": True, "message": ..., "path": ..., "size": ...}``.
        :raises NotFoundError: If there is no such model.
        :raises DownloadError: If the transfer broke off.
        """
        model_id = check.require_id("id", id)
        target = check.require_writable_target("path", path)
        result = download_to(
            self._core,
            build_request("models.download_model", id=model_id),
            target,
            progress=progress,
            request_options=self._request_options,
            default_name=model_id,
        )
        return {
            "success": True,
            "message": "Model downloaded successfully.",
            "path": str(result.path),
            "size": result.size,
        }

    def set_active_model(
        self,
        path: str | os.PathLike[str],
        *,
        helper: str | None = None,
        progress: UploadProgress | None = None,
    ) -> dict[str, Any]:
        """Upload a model file and make it the newest model (e.g. the seed model).

        The helper follows from the extension (``.npz``: numpyhelper, ``.bin``: binaryhelper)
        unless given. The file is checked first, then uploaded in chunks; the server's active
        helper is changed only once the upload has succeeded.

        :param path: The model file.
        :param helper: The helper, for files with another extension.
        :param progress: Called as ``progress(bytes_sent, total)`` after each chunk.
        :return: The server's answer, e.g. ``{"success": True, "message": ...}``.
        """
        file = check.require_file("path", path)
        chosen = helper_for(file, helper)
        upload = upload_file(
            self._core, file, progress=progress, request_options=self._request_options
        )
        self._call("helpers.set_active_helper", body=body("HelperUpdate", {"helper": chosen}))
        form = body("ModelAddForm", {"helper": chosen, "file_token": upload.file_token})
        result: dict[str, Any] = self._call("models.add_model", expect=dict, body=form)
        return result

    def iter_models(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every model matching ``filters`` (e.g. ``{"session_id": ...}``), oldest first."""
        return self._walk("models.list_models", page_size, filters=filters)
