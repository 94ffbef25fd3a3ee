from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.log_level import LogLevel, check_log_level
from ..models.status_event_type import StatusEventType, check_status_event_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node import Node


T = TypeVar("T", bound="Status")


@_attrs_define
class Status:
    """A status event.

    Example:
        {'status_id': '9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b', 'status': 'Training complete', 'timestamp':
            '2026-03-04T16:43:39.512345Z', 'log_level': 'INFO', 'data': None, 'correlation_id': None, 'type':
            'MODEL_UPDATE', 'extra': None, 'session_id': '3d2c1b0a-9f8e-4d7c-b6a5-4e3d2c1b0a9f', 'sender': {'name':
            'client-1', 'role': 'CLIENT', 'client_id': '0b6c1e84-6d0b-4d8a-9f0e-3c5a7c7d2b11'}, 'committed_at': 'Wed, 04 Mar
            2026 16:43:39 GMT', 'updated_at': 'Wed, 04 Mar 2026 16:43:39 GMT'}

    Attributes:
        status_id (str):
        status (None | str | Unset): The message.
        timestamp (datetime.datetime | None | Unset):
        log_level (LogLevel | None | Unset):
        data (None | str | Unset):
        correlation_id (None | str | Unset):
        type_ (None | StatusEventType | str | Unset): The kind of event; one of the StatusEventType values or any other
            string.
        extra (None | str | Unset):
        session_id (None | str | Unset):
        sender (Node | None | Unset):
        committed_at (None | str | Unset):
        updated_at (None | str | Unset):
    """

    status_id: str
    status: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    log_level: LogLevel | None | Unset = UNSET
    data: None | str | Unset = UNSET
    correlation_id: None | str | Unset = UNSET
    type_: None | StatusEventType | str | Unset = UNSET
    extra: None | str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    sender: Node | None | Unset = UNSET
    committed_at: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.node import Node  # noqa: PLC0415

        status_id = self.status_id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        log_level: None | str | Unset
        if isinstance(self.log_level, Unset):
            log_level = UNSET
        elif isinstance(self.log_level, str):
            log_level = self.log_level
        else:
            log_level = self.log_level

        data: None | str | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        else:
            data = self.data

        correlation_id: None | str | Unset
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, str):
            type_ = self.type_
        else:
            type_ = self.type_

        extra: None | str | Unset
        if isinstance(self.extra, Unset):
            extra = UNSET
        else:
            extra = self.extra

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        sender: dict[str, Any] | None | Unset
        if isinstance(self.sender, Unset):
            sender = UNSET
        elif isinstance(self.sender, Node):
            sender = self.sender.to_dict()
        else:
            sender = self.sender

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
                "status_id": status_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if log_level is not UNSET:
            field_dict["log_level"] = log_level
        if data is not UNSET:
            field_dict["data"] = data
        if correlation_id is not UNSET:
            field_dict["correlation_id"] = correlation_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if extra is not UNSET:
            field_dict["extra"] = extra
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if sender is not UNSET:
            field_dict["sender"] = sender
        if committed_at is not UNSET:
            field_dict["committed_at"] = committed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node import Node  # noqa: PLC0415

        d = dict(src_dict)
        status_id = d.pop("status_id")

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        def _parse_log_level(data: object) -> LogLevel | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                log_level_type_0 = check_log_level(data)

                return log_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LogLevel | None | Unset, data)

        log_level = _parse_log_level(d.pop("log_level", UNSET))

        def _parse_data(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id", UNSET))

        def _parse_type_(data: object) -> None | StatusEventType | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = check_status_event_type(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StatusEventType | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_extra(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        extra = _parse_extra(d.pop("extra", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_sender(data: object) -> Node | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sender_type_0 = Node.from_dict(data)

                return sender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Node | None | Unset, data)

        sender = _parse_sender(d.pop("sender", UNSET))

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

        status = cls(
            status_id=status_id,
            status=status,
            timestamp=timestamp,
            log_level=log_level,
            data=data,
            correlation_id=correlation_id,
            type_=type_,
            extra=extra,
            session_id=session_id,
            sender=sender,
            committed_at=committed_at,
            updated_at=updated_at,
        )

        status.additional_properties = d
        return status

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
