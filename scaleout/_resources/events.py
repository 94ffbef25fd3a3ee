"""What the network reports back: statuses, validations, predictions and metrics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import _validation as check
from .._methods import Listing, listing, operation
from .._paging import DEFAULT_PAGE_SIZE
from .._steps import Steps
from ._base import Resource, given, optional_text, request_body

if TYPE_CHECKING:
    from scaleout_api.schemas import (
        Metric,
        MetricList,
        Prediction,
        PredictionList,
        Status,
        StatusInput,
        StatusList,
        Validation,
        ValidationList,
    )

    from ..types import PredictionsStarted


class EventsResource(Resource):
    @operation
    def get_status(self, id: str) -> Steps[Status]:
        """Get a status event by its id.

        :param id: The status id.
        :return: The status.
        :raises NotFoundError: If there is no such status.
        """
        from scaleout_api.api.statuses import get_status

        return (yield from self._call(get_status.build_request(check.require_id("id", id))))

    @operation
    def get_statuses(
        self,
        session_id: str | None = None,
        event_type: str | None = None,
        sender_name: str | None = None,
        sender_role: str | None = None,
        n_max: int | None = None,
    ) -> Steps[StatusList]:
        """Get status events, newest first, filtered by the given values.

        :param session_id: Only events of this session.
        :param event_type: Only events of this type (e.g. ``MODEL_UPDATE``).
        :param sender_name: Only events sent by this node name.
        :param sender_role: Only events sent by nodes of this role.
        :param n_max: The maximum number of events to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [status, ...]}``.
        """
        from scaleout_api.api.statuses import list_statuses

        request = list_statuses.build_request(
            session_id=optional_text("session_id", session_id),
            type_=optional_text("event_type", event_type),
            sender_name=optional_text("sender_name", sender_name),
            sender_role=optional_text("sender_role", sender_role),
            x_limit=given(check.n_max(n_max)),
        )
        return (yield from self._call(request))

    @operation
    def get_statuses_count(self) -> Steps[int]:
        """Get the number of status events.

        :return: The number of status events.
        """
        from scaleout_api.api.statuses import count_statuses

        return (yield from self._call(count_statuses.build_request()))

    @operation
    def add_status(self, status: StatusInput) -> Steps[Status]:
        """Store a status event.

        :param status: A Status, e.g. ``{"type": "MODEL_UPDATE", "log_level": "INFO",
            "status": "Training complete", "sender": {"client_id": "abc-123"}}``.
        :return: The stored status, with its ``status_id``.
        """
        from scaleout_api.api.statuses import add_status
        from scaleout_api.models import StatusInput as StatusInputModel
        from scaleout_api.schemas import LogLevel

        payload = check.require_mapping("status", status)
        assert payload is not None
        sender = payload.get("sender")
        if sender is not None:
            check.require_mapping("status['sender']", sender)
        # The generated model lets a nullable enum through unchecked; the spec does not.
        level = payload.get("log_level")
        check.require_choice("status['log_level']", level, LogLevel, allow_none=True)
        body = request_body("status", StatusInputModel, payload)
        return (yield from self._call(add_status.build_request(body=body)))

    @listing
    def iter_statuses(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Status]:
        """Every status event matching ``filters`` (e.g. ``{"session_id": ...}``), oldest first."""
        from scaleout_api.api.statuses import list_statuses

        return self._walk(list_statuses.build_request, page_size, filters)

    @operation
    def get_validation(self, id: str) -> Steps[Validation]:
        """Get a validation result by its id.

        :param id: The validation id.
        :return: The validation.
        :raises NotFoundError: If there is no such validation.
        """
        from scaleout_api.api.validations import get_validation

        return (yield from self._call(get_validation.build_request(check.require_id("id", id))))

    @operation
    def get_validations(
        self,
        session_id: str | None = None,
        model_id: str | None = None,
        correlation_id: str | None = None,
        sender_name: str | None = None,
        sender_role: str | None = None,
        sender_client_id: str | None = None,
        n_max: int | None = None,
    ) -> Steps[ValidationList]:
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
        from scaleout_api.api.validations import list_validations

        request = list_validations.build_request(
            session_id=optional_text("session_id", session_id),
            model_id=optional_text("model_id", model_id),
            correlation_id=optional_text("correlation_id", correlation_id),
            sender_name=optional_text("sender_name", sender_name),
            sender_role=optional_text("sender_role", sender_role),
            sender_client_id=optional_text("sender_client_id", sender_client_id),
            x_limit=given(check.n_max(n_max)),
        )
        return (yield from self._call(request))

    @operation
    def get_validations_count(self, session_id: str | None = None) -> Steps[int]:
        """Get the number of validation results.

        :param session_id: Only count the validations of this session.
        :return: The number of validations.
        """
        from scaleout_api.api.validations import count_validations

        session = optional_text("session_id", session_id)
        return (yield from self._call(count_validations.build_request(session_id=session)))

    @listing
    def iter_validations(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Validation]:
        """Every validation matching ``filters`` (e.g. ``{"session_id": ...}``), oldest first."""
        from scaleout_api.api.validations import list_validations

        return self._walk(list_validations.build_request, page_size, filters)

    @operation
    def get_prediction(self, id: str) -> Steps[Prediction]:
        """Get a prediction result by its id.

        :param id: The prediction id.
        :return: The prediction.
        :raises NotFoundError: If there is no such prediction.
        """
        from scaleout_api.api.predictions import get_prediction

        return (yield from self._call(get_prediction.build_request(check.require_id("id", id))))

    @operation
    def get_predictions(
        self,
        model_id: str | None = None,
        correlation_id: str | None = None,
        client_id: str | None = None,
        n_max: int | None = None,
    ) -> Steps[PredictionList]:
        """Get prediction results, newest first, filtered by the given values.

        :param model_id: Only predictions made with this model.
        :param correlation_id: Only predictions of this prediction run.
        :param client_id: Only predictions made by this client.
        :param n_max: The maximum number of predictions to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [prediction, ...]}``.
        """
        from scaleout_api.api.predictions import list_predictions

        request = list_predictions.build_request(
            model_id=optional_text("model_id", model_id),
            correlation_id=optional_text("correlation_id", correlation_id),
            sender_client_id=optional_text("client_id", client_id),
            x_limit=given(check.n_max(n_max)),
        )
        return (yield from self._call(request))

    @operation
    def start_predictions(
        self, prediction_id: str | None = None, model_id: str | None = None
    ) -> Steps[PredictionsStarted]:
        """Ask the clients to predict with a model.

        :param prediction_id: An id for this prediction run; a new UUID when ``None``. Its
            results carry it as ``correlation_id``.
        :param model_id: The model to predict with; the newest model when ``None``.
        :return: The server's answer plus ``prediction_id``.
        """
        import uuid  # here, not at the top: the uuid module alone is a share of import time

        from scaleout_api.api.predictions import start_predictions
        from scaleout_api.models import StartPredictionsRequest

        run_id = check.optional_str("prediction_id", prediction_id) or str(uuid.uuid4())
        model = check.optional_str("model_id", model_id)
        body = StartPredictionsRequest(prediction_id=run_id, model_id=model)
        result = yield from self._call(start_predictions.build_request(body=body))
        return {**result, "prediction_id": run_id}

    @listing
    def iter_predictions(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Prediction]:
        """Every prediction matching ``filters``, oldest first."""
        from scaleout_api.api.predictions import list_predictions

        return self._walk(list_predictions.build_request, page_size, filters)

    @operation
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
    ) -> Steps[MetricList]:
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
        from scaleout_api.api.metrics import list_metrics

        request = list_metrics.build_request(
            session_id=optional_text("session_id", session_id),
            model_id=optional_text("model_id", model_id),
            round_id=optional_text("round_id", round_id),
            key=optional_text("key", key),
            sender_name=optional_text("sender_name", sender_name),
            sender_role=optional_text("sender_role", sender_role),
            sender_client_id=optional_text("sender_client_id", sender_client_id),
            x_limit=given(check.n_max(n_max)),
        )
        return (yield from self._call(request))

    @operation
    def get_metrics_count(self, session_id: str | None = None) -> Steps[int]:
        """Get the number of training metrics.

        :param session_id: Only count the metrics of this session.
        :return: The number of metrics.
        """
        from scaleout_api.api.metrics import count_metrics

        session = optional_text("session_id", session_id)
        return (yield from self._call(count_metrics.build_request(session_id=session)))

    @listing
    def iter_metrics(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Metric]:
        """Every training metric matching ``filters`` (e.g. ``{"session_id": ...}``)."""
        from scaleout_api.api.metrics import list_metrics

        return self._walk(list_metrics.build_request, page_size, filters)
