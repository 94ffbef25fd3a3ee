from __future__ import annotations

import hashlib
import os
import re
import tarfile
import threading
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.responses import FileResponse, Response

from ..errors import ApiError
from ..filters import Condition
from ..http import Call, json_response, message
from ..uploads import file_name_problem
from ._registry import operation

if TYPE_CHECKING:
    from ..services import Services

_SUFFIX = re.compile(r"(\.[A-Za-z0-9]{1,8}){1,3}$")
_ACTIVATION = threading.Lock()
_ACTIVE = [Condition("active", "eq", (True,))]


def _storage_suffix(file_name: str) -> str:
    match = _SUFFIX.search(Path(file_name).name)
    return match.group(0).lower() if match else ""


def active_package(services: Services) -> dict[str, Any] | None:
    return services.store.find_one("packages", _ACTIVE, newest=True)


def _package_file(services: Services, package: dict[str, Any]) -> Path | None:
    name = package.get("storage_file_name")
    if not isinstance(name, str) or not name:
        return None
    path = services.packages_dir / name
    return path if path.is_file() else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def active_package_checksum(services: Services) -> str | None:
    package = active_package(services)
    path = _package_file(services, package) if package else None
    return _sha256(path) if path else None


def _package_by_name(call: Call) -> tuple[dict[str, Any] | None, str]:
    """The package ``?name=`` names (a stored file name), else the active one."""
    name = call.query("name")
    if name:
        found = call.services.store.find_one(
            "packages", [Condition("storage_file_name", "eq", (name,))]
        )
        return found, "File not found."
    return active_package(call.services), "No compute package uploaded"


@operation
def list_packages(call: Call) -> Response:
    return call.page("packages")


@operation
def count_packages(call: Call) -> Response:
    return call.count("packages")


@operation
def get_package(call: Call) -> Response:
    return call.entity("packages", call.get_entity("packages", call.path("id")))


@operation
def get_active_package(call: Call) -> Response:
    package = active_package(call.services)
    if package is None:
        raise ApiError(404, "No active package")
    return call.entity("packages", package)


@operation
def add_package(call: Call) -> Response:
    """A finished upload's ``file_token`` (the Scaleout Edge form), or the archive itself (the
    multipart FEDn form, whose file name is the part's)."""
    form: dict[str, Any] = call.body if isinstance(call.body, dict) else {}
    services = call.services
    sent = call.files.get("file")
    given_name = (sent.filename or "package") if sent is not None else form.get("file_name")
    if given_name:
        # Checked before the token is taken, so a refused name leaves the upload usable.
        name_problem = file_name_problem(str(given_name))
        if name_problem is not None:
            raise ApiError(400, f"Invalid file_name: {name_problem}")
    if sent is not None:
        done = services.uploads.receive(sent.file, str(given_name))
        form = {**form, "file_name": done.file_name}
    else:
        done = services.uploads.take(str(form.get("file_token", "")))
    problem = _unusable_archive(done.path)
    if problem is not None:
        done.path.unlink(missing_ok=True)
        raise ApiError(400, problem)
    package_id = str(uuid.uuid4())
    file_name = str(form.get("file_name") or done.file_name)
    storage_name = f"{package_id}{_storage_suffix(file_name)}"
    os.replace(done.path, services.packages_dir / storage_name)
    doc = {
        "package_id": package_id,
        "name": str(form.get("name", "")),
        "description": str(form.get("description") or ""),
        "file_name": file_name,
        "helper": str(form.get("helper", "")),
        "storage_file_name": storage_name,
        "active": True,
    }
    with _ACTIVATION:
        services.store.update_where("packages", lambda d: bool(d.get("active")), {"active": False})
        services.store.insert("packages", package_id, doc)
    return message("Package uploaded", success=True, package_id=package_id)


def _unusable_archive(path: Path) -> str | None:
    """Why ``path`` cannot be a compute package: empty, or an archive with no file in it.

    Other content is taken as it is (FEDn does not enforce the archive format either)."""
    if path.stat().st_size == 0:
        return "The package file is empty"
    try:
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as archive:
                if not any(member.isfile() for member in archive):
                    return "The package archive holds no file"
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                if not any(not info.is_dir() for info in archive.infolist()):
                    return "The package archive holds no file"
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        return f"The package archive cannot be read: {exc}"
    return None


@operation
def get_package_checksum(call: Call) -> Response:
    package, missing = _package_by_name(call)
    path = _package_file(call.services, package) if package else None
    if path is None:
        return json_response({"message": missing, "checksum": None}, 404)
    return json_response({"message": "Checksum created.", "checksum": _sha256(path)})


@operation
def download_package(call: Call) -> Response:
    package, _ = _package_by_name(call)
    if package is None:
        raise ApiError(404, "No active package" if not call.query("name") else "File not found.")
    path = _package_file(call.services, package)
    if path is None:
        raise ApiError(404, "File not found.")
    return FileResponse(
        path, media_type="application/octet-stream", filename=str(package["file_name"])
    )
