from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.combiner_parent import CombinerParent


T = TypeVar("T", bound="Combiner")


@_attrs_define
class Combiner:
    """A combiner. `public_hostname`, `internal_hostname` and `grpc_secure` are Edge fields
    (inferred from the 1.1.0 client).

        Example:
            {'combiner_id': '5a3e0c1d-8c7b-4f0e-b1a2-9d8e7f6a5b4c', 'name': 'combiner-0', 'address': 'combiner-0', 'fqdn':
                None, 'ip': '127.0.0.1', 'parent': {'name': 'localhost', 'type': 'REDUCER'}, 'port': 12080, 'public_hostname':
                None, 'internal_hostname': None, 'grpc_secure': False, 'committed_at': 'Wed, 04 Mar 2026 16:40:00 GMT',
                'updated_at': 'Wed, 04 Mar 2026 16:40:00 GMT'}

        Attributes:
            combiner_id (str):
            name (str):
            address (None | str | Unset):
            fqdn (None | str | Unset):
            ip (None | str | Unset):
            parent (CombinerParent | None | str | Unset): The node the combiner reports to: an object, or only its name
                (FEDn 0.33 with SQL
                storage keeps the name alone, e.g. `localhost`).
            port (int | None | Unset):
            public_hostname (None | str | Unset):
            internal_hostname (None | str | Unset):
            grpc_secure (bool | None | Unset):
            committed_at (None | str | Unset):
            updated_at (None | str | Unset):
    """

    combiner_id: str
    name: str
    address: None | str | Unset = UNSET
    fqdn: None | str | Unset = UNSET
    ip: None | str | Unset = UNSET
    parent: CombinerParent | None | str | Unset = UNSET
    port: int | None | Unset = UNSET
    public_hostname: None | str | Unset = UNSET
    internal_hostname: None | str | Unset = UNSET
    grpc_secure: bool | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.combiner_parent import CombinerParent  # noqa: PLC0415

        combiner_id = self.combiner_id

        name = self.name

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        fqdn: None | str | Unset
        if isinstance(self.fqdn, Unset):
            fqdn = UNSET
        else:
            fqdn = self.fqdn

        ip: None | str | Unset
        if isinstance(self.ip, Unset):
            ip = UNSET
        else:
            ip = self.ip

        parent: dict[str, Any] | None | str | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        elif isinstance(self.parent, CombinerParent):
            parent = self.parent.to_dict()
        else:
            parent = self.parent

        port: int | None | Unset
        if isinstance(self.port, Unset):
            port = UNSET
        else:
            port = self.port

        public_hostname: None | str | Unset
        if isinstance(self.public_hostname, Unset):
            public_hostname = UNSET
        else:
            public_hostname = self.public_hostname

        internal_hostname: None | str | Unset
        if isinstance(self.internal_hostname, Unset):
            internal_hostname = UNSET
        else:
            internal_hostname = self.internal_hostname

        grpc_secure: bool | None | Unset
        if isinstance(self.grpc_secure, Unset):
            grpc_secure = UNSET
        else:
            grpc_secure = self.grpc_secure

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
                "combiner_id": combiner_id,
                "name": name,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if fqdn is not UNSET:
            field_dict["fqdn"] = fqdn
        if ip is not UNSET:
            field_dict["ip"] = ip
        if parent is not UNSET:
            field_dict["parent"] = parent
        if port is not UNSET:
            field_dict["port"] = port
        if public_hostname is not UNSET:
            field_dict["public_hostname"] = public_hostname
        if internal_hostname is not UNSET:
            field_dict["internal_hostname"] = internal_hostname
        if grpc_secure is not UNSET:
            field_dict["grpc_secure"] = grpc_secure
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.combiner_parent import CombinerParent  # noqa: PLC0415

        d = dict(src_dict)
        combiner_id = d.pop("combiner_id")

        name = d.pop("name")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_fqdn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fqdn = _parse_fqdn(d.pop("fqdn", UNSET))

        def _parse_ip(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ip = _parse_ip(d.pop("ip", UNSET))

        def _parse_parent(data: object) -> CombinerParent | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parent_type_0 = CombinerParent.from_dict(data)

                return parent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CombinerParent | None | str | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        def _parse_port(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        port = _parse_port(d.pop("port", UNSET))

        def _parse_public_hostname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        public_hostname = _parse_public_hostname(d.pop("public_hostname", UNSET))

        def _parse_internal_hostname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        internal_hostname = _parse_internal_hostname(d.pop("internal_hostname", UNSET))

        def _parse_grpc_secure(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        grpc_secure = _parse_grpc_secure(d.pop("grpc_secure", UNSET))

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

        combiner = cls(
            combiner_id=combiner_id,
            name=name,
            address=address,
            fqdn=fqdn,
            ip=ip,
            parent=parent,
            port=port,
            public_hostname=public_hostname,
            internal_hostname=internal_hostname,
            grpc_secure=grpc_secure,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        combiner.additional_properties = d
        return combiner

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
