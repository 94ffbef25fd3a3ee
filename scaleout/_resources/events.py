"""What the network reports back: statuses, validations, predictions and metrics."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from .. import _validation as check
from .._operations import body
from .._paging import DEFAULT_PAGE_SIZE
from ._base import Resource


def _filters(renamed: Mapping[str, str] | None = None, /, **values: object) -> dict[str, Any]:
    """Named optional string filters, checked under the caller's argument names (so errors name
    the argument the user passed) and with the unset ones left out. ``renamed`` maps an
    argument name to the generated operation's keyword where they differ."""
    names = renamed or {}
    return {
        names.get(name, name): value
        for name, value in ((name, check.optional_str(name, raw)) for name, raw in values.items())
        if value is not None
    }


class EventsResource(Resource):
    def get_status(self, id: str) -> dict[str, Any]:
        """Get a status event by its id.

        :param id: The status id.
        :return: The status.
        :raises NotFoundError: If there is no such status.
        """
        result: dict[str, Any] = self._call(
            "statuses.get_status", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_statuses(
        self,
        session_id: str | None = None,
        event_type: str | None = None,
        sender_name: str | None = None,
        sender_role: str | None = None,
        n_max: int | None = None,
    ) -> dict[str, Any]:
        """Get status events, newest first, filtered by the given values.

        :param session_id: Only events of this session.
        :param event_type: Only events of this type (e.g. ``MODEL_UPDATE``).
        :param sender_name: Only events sent by this node name.
        :param sender_role: Only events sent by nodes of this role.
        :param n_max: The maximum number of events to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [status, ...]}``.
        """
        arguments = _filters(
            {"event_type": "type_"},
            session_id=session_id,
            event_type=event_type,
            sender_name=sender_name,
            sender_role=sender_role,
        )
        result: dict[str, Any] = self._list(
            "statuses.list_statuses", check.n_max(n_max), **arguments
        )
        return result

    def get_statuses_count(self) -> int:
        """Get the number of status events.

        :return: The number of status events.
        """
        result: int = self._call("statuses.count_statuses", expect=int)
        return result

    def add_status(self, status: dict[str, Any]) -> dict[str, Any]:
        """Store a status event.

        :param status: A Status, e.g. ``{"type": "MODEL_UPDATE", "log_level": "INFO",
            "status": "Training complete", "sender": {"client_id": "abc-123"}}``.
        :return: The stored status, with its ``status_id``.
        """
        payload = check.require_mapping("status", status)
        assert payload is not None
        sender = payload.get("sender")
        if sender is not None:
            check.require_mapping("status['sender']", sender)
        result: dict[str, Any] = self._call(
            "statuses.add_status", expect=dict, body=body("StatusInput", payload)
        )
        return result

    def iter_statuses(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every status event matching ``filters`` (e.g. ``{"session_id": ...}``), oldest first."""
        return self._walk("statuses.list_statuses", page_size, filters=filters)

    def get_validation(self, id: str) -> dict[str, Any]:
        """Get a validation result by its id.

        :param id: The validation id.
        :return: The validation.
        :raises NotFoundError: If there is no such validation.
        """
        result: dict[str, Any] = self._call(
            "validations.get_validation", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_validations(
        self,
        session_id: str | None = None,
        model_id: str | None = None,
        correlation_id: str | None = None,
        sender_name: str | None = None,
        sender_role: str | None = None,
        sender_client_id: str | None = None,
        n_max: int | None = None,
    ) -> dict[str, Any]:
        """Get validation results, newest first, filtered by the given values.

        :param session_id: The session id to get validations for.
        :param model_id: The model id to get validations for.
        :param correlation_id: The correlation id to get validations for.
        :param sender_name: The sender name to get validations for.
        :param sender_role: The sender role to get validations for.
        :param sender_client_id: The sender client id to get validations for.
        :param n_max: The maximum number of validations to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [validation, ...]}``. Each validation's
            ``data`` is a JSON string of metrics.
        """
        arguments = _filters(
            session_id=session_id,
            model_id=model_id,
            correlation_id=correlation_id,
            sender_name=sender_name,
            sender_role=sender_role,
            sender_client_id=sender_client_id,
        )
        result: dict[str, Any] = self._list(
            "validations.list_validations", check.n_max(n_max), **arguments
        )
        return result

    def get_validations_count(self, session_id: str | None = None) -> int:
        """Get the number of validation results.

        :param session_id: Only count the validations of this session.
        :return: The number of validations.
        """
        result: int = self._call(
            "validations.count_validations", expect=int, **_filters(session_id=session_id)
        )
        return result

    def iter_validations(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every validation matching ``filters`` (e.g. ``{"session_id": ...}``), oldest first."""
        return self._walk("validations.list_validations", page_size, filters=filters)

    def get_predictions(
        self,
        model_id: str | None = None,
        correlation_id: str | None = None,
        client_id: str | None = None,
        n_max: int | None = None,
    ) -> dict[str, Any]:
        """Get prediction results, newest first, filtered by the given values.

        :param model_id: Only predictions made with this model.
        :param correlation_id: Only predictions of this prediction run.
        :param client_id: Only predictions made by this client.
        :param n_max: The maximum number of predictions to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [prediction, ...]}``.
        """
        arguments = _filters(
            {"client_id": "sender_client_id"},
            model_id=model_id,
            correlation_id=correlation_id,
            client_id=client_id,
        )
        result: dict[str, Any] = self._list(
            "predictions.list_predictions", check.n_max(n_max), **arguments
        )
        return result

    def start_predictions(
        self, prediction_id: str | None = None, model_id: str | None = None
    ) -> dict[str, Any]:
        """Ask the clients to predict with a model.

        :param prediction_id: An id for this prediction run; a new UUID when ``None``. Its
            results carry it as ``correlation_id``.
        :param model_id: The model to predict with; the newest model when ``None``.
        :return: The server's answer plus ``prediction_id``.
        """
        run_id = check.optional_str("prediction_id", prediction_id) or str(uuid.uuid4())
        model = check.optional_str("model_id", model_id)
        result: dict[str, Any] = self._call(
            "predictions.start_predictions",
            expect=dict,
            body=body("StartPredictionsRequest", {"prediction_id": run_id, "model_id": model}),
        )
        return {**result, "prediction_id": run_id}

    def iter_predictions(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every prediction matching ``filters``, oldest first."""
        return self._walk("predictions.list_predictions", page_size, filters=filters)

    def get_metrics(
        self,
        *,
        session_id: str | None = None,
        model_id: str | None = None,
        round_id: str | None = None,
        key: str | None = None,
        sender_name: str | None = None,
        sender_role: str | None = None,
        sender_client_id: str | None = None,
        n_max: int | None = None,
    ) -> dict[str, Any]:
        """Get training metrics reported by clients, newest first, filtered by the given values.

        :param session_id: Only metrics of this session.
        :param model_id: Only metrics of training this model.
        :param round_id: Only metrics of this round.
        :param key: Only this metric (e.g. ``training_loss``).
        :param sender_name: Only metrics sent by this node name.
        :param sender_role: Only metrics sent by nodes of this role.
        :param sender_client_id: Only metrics sent by this client.
        :param n_max: The maximum number of metrics to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [metric, ...]}``.
        """
        arguments = _filters(
            session_id=session_id,
            model_id=model_id,
            round_id=round_id,
            key=key,
            sender_name=sender_name,
            sender_role=sender_role,
            sender_client_id=sender_client_id,
        )
        result: dict[str, Any] = self._list("metrics.list_metrics", check.n_max(n_max), **arguments)
        return result

    def get_metrics_count(self, session_id: str | None = None) -> int:
        """Get the number of training metrics.

        :param session_id: Only count the metrics of this session.
        :return: The number of metrics.
        """
        result: int = self._call(
            "metrics.count_metrics", expect=int, **_filters(session_id=session_id)
        )
        return result

    def iter_metrics(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Every training metric matching ``filters`` (e.g. ``{"session_id": ...}``)."""
        return self._walk("metrics.list_metrics", page_size, filters=filters)
