"""Compute packages: the code that edge clients download and run."""

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
from .models import helper_for


class PackagesResource(Resource):
    def get_package(self, id: str) -> dict[str, Any]:
        """Get a compute package by its id.

        :param id: The package id.
        :return: The package.
        :raises NotFoundError: If there is no such package.
        """
        result: dict[str, Any] = self._call(
            "packages.get_package", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_packages(self, n_max: int | None = None) -> dict[str, Any]:
        """Get compute packages, newest first.

        :param n_max: The maximum number of packages to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [package, ...]}``.
        """
        result: dict[str, Any] = self._list("packages.list_packages", check.n_max(n_max))
        return result

    def get_packages_count(self) -> int:
        """Get the number of compute packages.

        :return: The number of packages.
        """
        result: int = self._call("packages.count_packages", expect=int)
        return result

    def get_active_package(self) -> dict[str, Any]:
        """Get the active compute package.

        :return: The package.
        :raises NotFoundError: If no package is active.
        """
        result: dict[str, Any] = self._call("packages.get_active_package", expect=dict)
        return result

    def get_package_checksum(self) -> dict[str, Any]:
        """Get the checksum of the active compute package file.

        :return: ``{"message": ..., "checksum": "<sha256>"}``.
        :raises NotFoundError: If no package file has been uploaded.
        """
        result: dict[str, Any] = self._call("packages.get_package_checksum", expect=dict)
        return result

    def download_package(
        self, path: str | os.PathLike[str], *, progress: DownloadProgress | None = None
    ) -> dict[str, Any]:
        """Download the active compute package file.

        The file is streamed to a temporary file beside ``path`` and renamed into place when
        complete; a failed download leaves no partial file.

        :param path: The file to write (or an existing folder to write it into).
        :param progress: Called as ``progress(bytes_received, total_or_None)``.
        :return: ``{"success": True, "message": ..., "path": ..., "size": ...}``.
        :raises NotFoundError: If no package is active.
        :raises DownloadError: If the transfer broke off.
        """
        target = check.require_writable_target("path", path)
        result = download_to(
            self._core,
            build_request("packages.download_package"),
            target,
            progress=progress,
            request_options=self._request_options,
            default_name="package",
        )
        return {
            "success": True,
            "message": "Package downloaded successfully.",
            "path": str(result.path),
            "size": result.size,
        }

    def set_active_package(
        self,
        path: str | os.PathLike[str],
        helper: str,
        name: str,
        description: str = "",
        *,
        progress: UploadProgress | None = None,
    ) -> dict[str, Any]:
        """Upload a compute package and make it the active one.

        :param path: The package archive (e.g. ``package.tgz``).
        :param helper: The model helper the package uses (numpyhelper, binaryhelper or
            androidhelper).
        :param name: The package name.
        :param description: A description.
        :param progress: Called as ``progress(bytes_sent, total)`` after each chunk.
        :return: The server's answer, e.g. ``{"message": "Package uploaded"}``.
        """
        file = check.require_file("path", path)
        if helper is None:
            raise ValueError("helper is required (numpyhelper, binaryhelper or androidhelper)")
        chosen = helper_for(file, helper)
        package_name = check.require_str("name", name)
        if not isinstance(description, str):
            raise TypeError(f"description must be a str, not {type(description).__name__}")
        upload = upload_file(
            self._core, file, progress=progress, request_options=self._request_options
        )
        form = body(
            "PackageAddForm",
            {
                "file_token": upload.file_token,
                "helper": chosen,
                "name": package_name,
                "description": description,
                "file_name": file.name,
            },
        )
        result: dict[str, Any] = self._call("packages.add_package", expect=dict, body=form)
        return result

    def iter_packages(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every compute package matching ``filters``, oldest first."""
        return self._walk("packages.list_packages", page_size, filters=filters)
