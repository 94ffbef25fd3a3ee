from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.helper import Helper, check_helper
from ..types import File

T = TypeVar("T", bound="PackageUploadForm")


@_attrs_define
class PackageUploadForm:
    """A compute package archive to add as the active package, sent as `multipart/form-data` (the FEDn form); its
    `file_name` is the file name of the `file` part.

        Attributes:
            file (File): The package archive.
            name (str):
            description (str): Required by FEDn 0.33 servers; may be empty.
            helper (Helper): The model helper (serialization format). `.npz` files use `numpyhelper`, `.bin` files
                `binaryhelper`. Example: numpyhelper.
    """

    file: File
    name: str
    description: str
    helper: Helper
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        name = self.name

        description = self.description

        helper: str = self.helper

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "name": name,
                "description": description,
                "helper": helper,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("name", (None, str(self.name).encode(), "text/plain")))

        files.append(("description", (None, str(self.description).encode(), "text/plain")))

        files.append(("helper", (None, str(self.helper).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        name = d.pop("name")

        description = d.pop("description")

        helper = check_helper(d.pop("helper"))

        package_upload_form = cls(
            file=file,
            name=name,
            description=description,
            helper=helper,
        )

        package_upload_form.additional_properties = d
        return package_upload_form

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
