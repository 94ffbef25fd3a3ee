from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.client_status import ClientStatus, check_client_status
from ..models.package_mode import PackageMode, check_package_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="EdgeClient")


@_attrs_define
class EdgeClient:
    """An edge client.

    Example:
        {'client_id': '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11', 'name': 'client-1', 'combiner': 'combiner-0',
            'combiner_preferred': None, 'ip': '127.0.0.1', 'status': 'online', 'last_seen': 'Wed, 04 Mar 2026 16:43:40 GMT',
            'package': 'remote', 'committed_at': 'Wed, 04 Mar 2026 16:40:02 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:43:40
            GMT'}

    Attributes:
        client_id (str):
        name (str):
        combiner (str): Name of the assigned combiner.
        status (ClientStatus): The connection status of a client.
        last_seen (str): An RFC 1123 HTTP-date (the IMF-fixdate of RFC 9110), always in GMT: how the controller
            writes its Python datetime fields (`committed_at`, `updated_at`, `last_seen`).
             Example: Wed, 04 Mar 2026 16:43:40 GMT.
        combiner_preferred (bool | None | str | Unset): Name of the preferred combiner (old data may hold `false`).
        ip (None | str | Unset):
        package (None | PackageMode | Unset): Whether the client runs the controller's package.
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    client_id: str
    name: str
    combiner: str
    status: ClientStatus
    last_seen: str
    combiner_preferred: bool | None | str | Unset = UNSET
    ip: None | str | Unset = UNSET
    package: None | PackageMode | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        name = self.name

        combiner = self.combiner

        status: str = self.status

        last_seen = self.last_seen

        combiner_preferred: bool | None | str | Unset
        if isinstance(self.combiner_preferred, Unset):
            combiner_preferred = UNSET
        else:
            combiner_preferred = self.combiner_preferred

        ip: None | str | Unset
        if isinstance(self.ip, Unset):
            ip = UNSET
        else:
            ip = self.ip

        package: None | str | Unset
        if isinstance(self.package, Unset):
            package = UNSET
        elif isinstance(self.package, str):
            package = self.package
        else:
            package = self.package

        committed_at: None | str | Unset
        if isinstance(self.committed_at, Unset):
            committed_at = UNSET
        else:
            committed_at = self.committed_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "name": name,
                "combiner": combiner,
                "status": status,
                "last_seen": last_seen,
            }
        )
        if combiner_preferred is not UNSET:
            field_dict["combiner_preferred"] = combiner_preferred
        if ip is not UNSET:
            field_dict["ip"] = ip
        if package is not UNSET:
            field_dict["package"] = package
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        name = d.pop("name")

        combiner = d.pop("combiner")

        status = check_client_status(d.pop("status"))

        last_seen = d.pop("last_seen")

        def _parse_combiner_preferred(data: object) -> bool | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | str | Unset, data)

        combiner_preferred = _parse_combiner_preferred(d.pop("combiner_preferred", UNSET))

        def _parse_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ip = _parse_ip(d.pop("ip", UNSET))

        def _parse_package(data: object) -> None | PackageMode | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                package_type_0 = check_package_mode(data)

                return package_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PackageMode | Unset, data)

        package = _parse_package(d.pop("package", UNSET))

        def _parse_committed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        committed_at = _parse_committed_at(d.pop("committed_at", UNSET))

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        edge_client = cls(
            client_id=client_id,
            name=name,
            combiner=combiner,
            status=status,
            last_seen=last_seen,
            combiner_preferred=combiner_preferred,
            ip=ip,
            package=package,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        edge_client.additional_properties = d
        return edge_client

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
