"""Commands sent to edge clients (the newer controller API): validation, staging, inference,
and the commands' progress."""

from __future__ import annotations

from typing import Any

from .. import _validation as check
from .._operations import body
from ._base import Resource


class CommandsResource(Resource):
    def start_validation(self, session_id: str, model_id: str) -> dict[str, Any]:
        """Ask the clients to validate a model of a session.

        :param session_id: The session the validations belong to.
        :param model_id: The model to validate.
        :return: The server's answer.
        """
        request = body(
            "StartValidationRequest",
            {
                "session_id": check.require_value("session_id", session_id),
                "model_id": check.require_value("model_id", model_id),
            },
        )
        result: dict[str, Any] = self._call(
            "validations.start_validation", expect=dict, body=request
        )
        return result

    def stage_model(self, model_id: str, client_ids: list[str] | None = None) -> dict[str, Any]:
        """Send a model to clients ahead of inference.

        :param model_id: The model to stage.
        :param client_ids: The clients to stage it on; all when ``None``.
        :return: The server's answer, with the command's ``correlation_id``.
        """
        model = check.require_id("model_id", model_id)
        ids = check.require_str_list("client_ids", client_ids, allow_none=True)
        result: dict[str, Any] = self._call(
            "models.stage_model",
            expect=dict,
            id=model,
            body=body("StageModelRequest", {"client_ids": ids}),
        )
        return result

    def start_inference(
        self,
        model_id: str,
        synchronous: bool = True,
        timeout: int | None = 180,
        parameters: dict[str, Any] | None = None,
        client_ids: list[str] | None = None,
    ) -> dict[str, Any]:
        """Ask the clients to run inference with a model.

        :param model_id: The model to run.
        :param synchronous: Wait for the clients' answers.
        :param timeout: Seconds to wait (-1: no limit).
        :param parameters: Parameters passed to the clients' inference code.
        :param client_ids: The clients to run on; all when ``None``.
        :return: The server's answer (with the clients' answers when synchronous).
        """
        check.require_bool("synchronous", synchronous)
        limit = check.require_int("timeout", timeout, minimum=-1, allow_none=True)
        if limit == 0:
            raise ValueError("timeout must be positive, or -1 for no limit")
        request = body(
            "StartInferenceRequest",
            {
                "model_id": check.require_value("model_id", model_id),
                "synchronous": synchronous,
                "timeout": limit,
                "parameters": check.require_mapping("parameters", parameters, allow_none=True),
                "client_ids": check.require_str_list("client_ids", client_ids, allow_none=True),
            },
        )
        result: dict[str, Any] = self._call("controller.start_inference", expect=dict, body=request)
        return result

    def get_command(self, id: str) -> dict[str, Any]:
        """Get a command by its correlation id.

        :param id: The command's correlation id.
        :return: The command, with the clients' answers in ``result`` once they arrived.
        :raises NotFoundError: If there is no such command.
        """
        result: dict[str, Any] = self._call(
            "commands.get_command", expect=dict, id=check.require_id("id", id)
        )
        return result

    def get_commands(
        self, parent_correlation_id: str | None = None, n_max: int | None = None
    ) -> dict[str, Any]:
        """Get commands, newest first.

        :param parent_correlation_id: Only the sub-commands of this command.
        :param n_max: The maximum number of commands to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [command, ...]}``.
        """
        parent = check.optional_str("parent_correlation_id", parent_correlation_id)
        result: dict[str, Any] = self._list(
            "commands.list_commands", check.n_max(n_max), parent_correlation_id=parent
        )
        return result

    def get_commands_roots(self, n_max: int | None = None) -> dict[str, Any]:
        """Get the commands that have no parent command, newest first.

        :param n_max: The maximum number of commands to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [command, ...]}``.
        """
        result: dict[str, Any] = self._list("commands.list_root_commands", check.n_max(n_max))
        return result

    def get_commands_count(self) -> int:
        """Get the number of commands.

        :return: The number of commands.
        """
        result: int = self._call("commands.count_commands", expect=int)
        return result

    def step_command(self, correlation_id: str) -> dict[str, Any]:
        """Move a running command on to its next step.

        :param correlation_id: The command's correlation id.
        :return: The server's answer.
        :raises NotFoundError: If there is no such command.
        """
        return self._control("commands.skip_command", correlation_id)

    def stop_command(self, correlation_id: str) -> dict[str, Any]:
        """Stop a running command.

        :param correlation_id: The command's correlation id.
        :return: The server's answer.
        :raises NotFoundError: If there is no such command.
        """
        return self._control("commands.stop_command", correlation_id)

    def _control(self, operation: str, correlation_id: str) -> dict[str, Any]:
        command = check.require_id("correlation_id", correlation_id)
        request = body("CommandControlRequest", {"correlation_id": command})
        result: dict[str, Any] = self._call(operation, expect=dict, id=command, body=request)
        return result
