"""Models: the model trail, uploads of seed models and downloads of model files."""

from __future__ import annotations

import os
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import _validation as check
from .._exceptions import BadRequestError, InvalidArgumentError, UploadError
from .._methods import Listing, listing, operation
from .._paging import DEFAULT_PAGE_SIZE
from .._steps import Steps
from ._base import Resource, given

if TYPE_CHECKING:
    from scaleout_api.schemas import Helper, Model, ModelAdded, ModelList

    from .._downloads import ProgressCallback as DownloadProgress
    from .._uploads import ProgressCallback as UploadProgress
    from .._uploads import UploadResult
    from ..types import DownloadResult

#: Model helpers by file extension (compared case-insensitively).
HELPERS_BY_EXTENSION: dict[str, Helper] = {".npz": "numpyhelper", ".bin": "binaryhelper"}


def helper_for(path: os.PathLike[str] | str, helper: str | None) -> Helper:
    """The helper for a model file: the explicit one, else the one its extension implies."""
    from scaleout_api.schemas import Helper

    if helper is not None:
        chosen: Helper = check.require_choice("helper", helper, Helper)
        return chosen
    extension = os.path.splitext(os.fspath(path))[1].lower()
    try:
        return HELPERS_BY_EXTENSION[extension]
    except KeyError:
        known = ", ".join(f"{ext} ({name})" for ext, name in HELPERS_BY_EXTENSION.items())
        helpers = ", ".join(typing.get_args(Helper))
        raise InvalidArgumentError(
            f"path: cannot tell the helper of a {extension or 'extensionless'!r} model file; "
            f"known extensions are {known}. Pass helper= one of {helpers}."
        ) from None


class ModelsResource(Resource):
    @operation
    def get_model(self, id: str) -> Steps[Model]:
        """Get a model by its id.

        :param id: The model id.
        :return: The model.
        :raises NotFoundError: If there is no such model.
        """
        from scaleout_api.api.models import get_model

        return (yield from self._call(get_model.build_request(check.require_id("id", id))))

    @operation
    def get_models(
        self, session_id: str | None = None, n_max: int | None = None
    ) -> Steps[ModelList]:
        """Get models, newest first.

        :param session_id: Only the models of this session.
        :param n_max: The maximum number of models to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [model, ...]}``.
        """
        from scaleout_api.api.models import list_models

        session = check.optional_str("session_id", session_id)
        request = list_models.build_request(
            session_id=given(session), x_limit=given(check.n_max(n_max))
        )
        return (yield from self._call(request))

    @operation
    def get_models_count(self) -> Steps[int]:
        """Get the number of models.

        :return: The number of models.
        """
        from scaleout_api.api.models import count_models

        return (yield from self._call(count_models.build_request()))

    @operation
    def get_active_model(self) -> Steps[Model | None]:
        """Get the newest model, which new sessions start from.

        :return: The model, or ``None`` when there is no model yet.
        """
        return (yield from self._newest_model())

    @operation
    def get_model_trail(
        self,
        id: str | None = None,
        include_self: bool = True,
        reverse: bool = True,
        n_max: int | None = None,
    ) -> Steps[list[Model]]:
        """Get the trail of models that led to a model.

        :param id: The model to start from; the newest model when ``None``.
        :param include_self: Include the model itself.
        :param reverse: Oldest (the seed model) first.
        :param n_max: The maximum number of models (``None`` or 0: the whole trail).
        :return: A list of models; empty when there is no model yet.
        """
        from scaleout_api.api.models import get_model_ancestors

        model_id = check.optional_id("id", id)
        check.require_bool("include_self", include_self)
        check.require_bool("reverse", reverse)
        limit = check.n_max(n_max)
        if model_id is None:
            active = yield from self.get_active_model()
            if active is None:
                return []
            model_id = active["model_id"]
        if limit is None:
            # Without X-Limit the server stops at 10; the whole trail is at most every model.
            limit = max((yield from self.get_models_count()), 1)
        request = get_model_ancestors.build_request(
            model_id, include_self=include_self, x_limit=limit, x_reverse=reverse
        )
        return (yield from self._call(request))

    @operation
    def download_model(
        self, id: str, path: str | os.PathLike[str], *, progress: DownloadProgress | None = None
    ) -> Steps[DownloadResult]:
        """Download a model file.

        The file is streamed to a temporary file beside ``path`` and renamed into place when
        complete; a failed download leaves no partial file.

        :param id: The model id.
        :param path: The file to write (or an existing folder to write it into).
        :param progress: Called as ``progress(bytes_received, total_or_None)``.
        :return: ``{"success": True, "message": ..., "path": ..., "size": ...}``.
        :raises NotFoundError: If there is no such model.
        :raises DownloadError: If the body broke off or ended short.
        """
        from scaleout_api.api.models import download_model

        model_id = check.require_id("id", id)
        target = check.require_writable_target("path", path)
        check.require_callable("progress", progress)
        request = download_model.build_request(model_id)
        from .._downloads import download_to  # loaded with the first download

        result = yield from download_to(
            self._caller, request, target, progress=progress, default_name=model_id
        )
        return {
            "success": True,
            "message": "Model downloaded successfully.",
            "path": str(result.path),
            "size": result.size,
        }

    @operation
    def set_active_model(
        self,
        path: str | os.PathLike[str],
        *,
        helper: Helper | None = None,
        progress: UploadProgress | None = None,
    ) -> Steps[ModelAdded]:
        """Upload a model file and make it the newest model (e.g. the seed model).

        The helper follows from the extension (``.npz``: numpyhelper, ``.bin``: binaryhelper)
        unless given. The file is checked first, then uploaded in chunks; the server's active
        helper is changed only once the upload has succeeded. A controller without chunked
        uploads (FEDn 0.33) gets the file as one streamed ``multipart/form-data`` request
        instead (found out once per client); it loads the file with its active helper, so the
        helper is set first there, when it differs (and left alone when the controller has
        none: FEDn takes it from the active compute package).

        :param path: The model file.
        :param helper: The helper, for files with another extension.
        :param progress: Called as ``progress(bytes_sent, total)`` as the file is sent.
        :return: The server's answer, e.g. ``{"success": True, "message": ...}``.
        :raises UploadError: If the upload failed, or the controller refused the file.
        """
        from scaleout_api.api.helpers import set_active_helper
        from scaleout_api.api.models import add_model
        from scaleout_api.models import HelperUpdate, ModelAddForm, ModelUploadForm

        from .._uploads import placeholder_file, send_multipart, upload_then

        file = check.require_file("path", path)
        check.require_callable("progress", progress)
        chosen = helper_for(file, helper)

        def registered(upload: UploadResult) -> Steps[ModelAdded]:
            yield from self._call(set_active_helper.build_request(body=HelperUpdate(helper=chosen)))
            form = ModelAddForm(helper=chosen, file_token=upload.file_token)
            return (yield from self._call(add_model.build_request(body=form)))

        def as_form() -> Steps[ModelAdded]:
            current = yield from self._current_helper()
            if current is not None and current != chosen:
                yield from self._call(
                    set_active_helper.build_request(body=HelperUpdate(helper=chosen))
                )
            form = ModelUploadForm(file=placeholder_file(file))
            request = add_model.build_request(body=form)
            try:
                return (yield from send_multipart(self._caller, request, file, progress=progress))
            except BadRequestError as exc:
                if current is not None:
                    raise
                raise UploadError(
                    f"upload of {file.name}: the controller at {self._caller.core.base_url.url} "
                    f"refused the model ({exc.message}); it has no active helper to load it "
                    "with: upload a compute package first (set_active_package)"
                ) from exc

        return (
            yield from upload_then(
                self._caller, file, progress=progress, chunked=registered, multipart=as_form
            )
        )

    @listing
    def iter_models(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Model]:
        """Every model matching ``filters`` (e.g. ``{"session_id": ...}``), oldest first."""
        from scaleout_api.api.models import list_models

        return self._walk(list_models.build_request, page_size, filters)
