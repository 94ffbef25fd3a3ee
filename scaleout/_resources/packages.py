"""Compute packages: the code that edge clients download and run."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import _validation as check
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._methods import Listing, listing, operation
from .._paging import DEFAULT_PAGE_SIZE
from .._steps import Steps
from ._base import Resource, given
from .models import helper_for

if TYPE_CHECKING:
    from scaleout_api.schemas import Checksum, Helper, Package, PackageAdded, PackageList

    from .._downloads import ProgressCallback as DownloadProgress
    from .._uploads import ProgressCallback as UploadProgress
    from .._uploads import UploadResult
    from ..types import DownloadResult


class PackagesResource(Resource):
    @operation
    def get_package(self, id: str) -> Steps[Package]:
        """Get a compute package by its id.

        :param id: The package id.
        :return: The package.
        :raises NotFoundError: If there is no such package.
        """
        from scaleout_api.api.packages import get_package

        return (yield from self._call(get_package.build_request(check.require_id("id", id))))

    @operation
    def get_packages(self, n_max: int | None = None) -> Steps[PackageList]:
        """Get compute packages, newest first.

        :param n_max: The maximum number of packages to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [package, ...]}``.
        """
        from scaleout_api.api.packages import list_packages

        return (
            yield from self._call(list_packages.build_request(x_limit=given(check.n_max(n_max))))
        )

    @operation
    def get_packages_count(self) -> Steps[int]:
        """Get the number of compute packages.

        :return: The number of packages.
        """
        from scaleout_api.api.packages import count_packages

        return (yield from self._call(count_packages.build_request()))

    @operation
    def get_active_package(self) -> Steps[Package]:
        """Get the active compute package.

        :return: The package.
        :raises NotFoundError: If no package is active.
        """
        from scaleout_api.api.packages import get_active_package

        return (yield from self._call(get_active_package.build_request()))

    @operation
    def get_package_checksum(self) -> Steps[Checksum]:
        """Get the checksum of the active compute package file.

        :return: ``{"message": ..., "checksum": "<sha256>"}``.
        :raises NotFoundError: If no package file has been uploaded.
        """
        from scaleout_api.api.packages import get_package_checksum

        return (yield from self._call(get_package_checksum.build_request()))

    @operation
    def download_package(
        self, path: str | os.PathLike[str], *, progress: DownloadProgress | None = None
    ) -> Steps[DownloadResult]:
        """Download the active compute package file.

        The file is streamed to a temporary file beside ``path`` and renamed into place when
        complete; a failed download leaves no partial file.

        :param path: The file to write (or an existing folder to write it into).
        :param progress: Called as ``progress(bytes_received, total_or_None)``.
        :return: ``{"success": True, "message": ..., "path": ..., "size": ...}``.
        :raises NotFoundError: If no package is active.
        :raises DownloadError: If the body broke off or ended short.
        """
        from scaleout_api.api.packages import download_package

        target = check.require_writable_target("path", path)
        check.require_callable("progress", progress)
        request = download_package.build_request()
        from .._downloads import download_to  # loaded with the first download

        result = yield from download_to(
            self._caller, request, target, progress=progress, default_name="package"
        )
        return {
            "success": True,
            "message": "Package downloaded successfully.",
            "path": str(result.path),
            "size": result.size,
        }

    @operation
    def set_active_package(
        self,
        path: str | os.PathLike[str],
        helper: Helper,
        name: str,
        description: str = "",
        *,
        progress: UploadProgress | None = None,
    ) -> Steps[PackageAdded]:
        """Upload a compute package and make it the active one.

        The file is uploaded in chunks; a controller without chunked uploads (FEDn 0.33)
        gets it as one streamed ``multipart/form-data`` request instead (found out once per
        client).

        :param path: The package archive (e.g. ``package.tgz``).
        :param helper: The model helper the package uses (numpyhelper, binaryhelper or
            androidhelper).
        :param name: The package name.
        :param description: A description.
        :param progress: Called as ``progress(bytes_sent, total)`` as the file is sent.
        :return: The server's answer, e.g. ``{"message": "Package uploaded"}``.
        :raises UploadError: If the upload failed, or the controller refused the file.
        """
        from scaleout_api.api.packages import add_package
        from scaleout_api.models import PackageAddForm, PackageUploadForm

        from .._uploads import placeholder_file, send_multipart, upload_then

        file = check.require_file("path", path)
        check.require_callable("progress", progress)
        if helper is None:
            raise InvalidArgumentError(
                "helper is required (numpyhelper, binaryhelper or androidhelper)"
            )
        chosen = helper_for(file, helper)
        package_name = check.require_value("name", name)
        if not isinstance(description, str):
            raise ArgumentTypeError(f"description must be a str, not {type(description).__name__}")

        def registered(upload: UploadResult) -> Steps[PackageAdded]:
            form = PackageAddForm(
                file_token=upload.file_token,
                helper=chosen,
                name=package_name,
                description=description,
                file_name=file.name,
            )
            return (yield from self._call(add_package.build_request(body=form)))

        def as_form() -> Steps[PackageAdded]:
            form = PackageUploadForm(
                file=placeholder_file(file),
                name=package_name,
                description=description,
                helper=chosen,
            )
            request = add_package.build_request(body=form)
            return (yield from send_multipart(self._caller, request, file, progress=progress))

        return (
            yield from upload_then(
                self._caller, file, progress=progress, chunked=registered, multipart=as_form
            )
        )

    @listing
    def iter_packages(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Package]:
        """Every compute package matching ``filters``, oldest first."""
        from scaleout_api.api.packages import list_packages

        return self._walk(list_packages.build_request, page_size, filters)
