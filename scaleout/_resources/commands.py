"""Commands sent to edge clients (the newer controller API): validation, staging, inference,
and the commands' progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from .. import _validation as check
from .._exceptions import InvalidArgumentError
from .._methods import operation
from .._steps import Steps
from ._base import Resource, given, request_body

if TYPE_CHECKING:
    from scaleout_api.models import CommandControlRequest
    from scaleout_api.operation import OperationRequest
    from scaleout_api.schemas import Command, CommandList, CommandResult, Message


class _ControlRequest(Protocol):
    """``build_request`` of skip_command and stop_command."""

    def __call__(self, id: str, *, body: CommandControlRequest) -> OperationRequest[Message]: ...


class CommandsResource(Resource):
    @operation
    def start_validation(self, session_id: str, model_id: str) -> Steps[Message]:
        """Ask the clients to validate a model of a session.

        :param session_id: The session the validations belong to.
        :param model_id: The model to validate.
        :return: The server's answer.
        """
        from scaleout_api.api.validations import start_validation
        from scaleout_api.models import StartValidationRequest

        body = StartValidationRequest(
            session_id=check.require_value("session_id", session_id),
            model_id=check.require_value("model_id", model_id),
        )
        return (yield from self._call(start_validation.build_request(body=body)))

    @operation
    def stage_model(
        self, model_id: str, client_ids: list[str] | None = None
    ) -> Steps[CommandResult]:
        """Send a model to clients ahead of inference.

        :param model_id: The model to stage.
        :param client_ids: The clients to stage it on; all when ``None``.
        :return: The server's answer, with the command's ``correlation_id``.
        """
        from scaleout_api.api.models import stage_model
        from scaleout_api.models import StageModelRequest

        model = check.require_id("model_id", model_id)
        ids = check.require_str_list("client_ids", client_ids, allow_none=True)
        body = StageModelRequest(client_ids=ids)
        return (yield from self._call(stage_model.build_request(model, body=body)))

    @operation
    def start_inference(
        self,
        model_id: str,
        synchronous: bool = True,
        timeout: int | None = 180,
        parameters: dict[str, Any] | None = None,
        client_ids: list[str] | None = None,
    ) -> Steps[CommandResult]:
        """Ask the clients to run inference with a model.

        :param model_id: The model to run.
        :param synchronous: Wait for the clients' answers.
        :param timeout: Seconds to wait (-1: no limit).
        :param parameters: Parameters passed to the clients' inference code.
        :param client_ids: The clients to run on; all when ``None``.
        :return: The server's answer (with the clients' answers when synchronous).
        """
        from scaleout_api.api.controller import start_inference
        from scaleout_api.models import StartInferenceRequest

        check.require_bool("synchronous", synchronous)
        limit = check.require_int("timeout", timeout, minimum=-1, allow_none=True)
        if limit == 0:
            raise InvalidArgumentError("timeout must be positive, or -1 for no limit")
        payload = {
            "model_id": check.require_value("model_id", model_id),
            "synchronous": synchronous,
            "timeout": limit,
            "parameters": check.require_mapping("parameters", parameters, allow_none=True),
            "client_ids": check.require_str_list("client_ids", client_ids, allow_none=True),
        }
        body = request_body("parameters", StartInferenceRequest, payload)
        return (yield from self._call(start_inference.build_request(body=body)))

    @operation
    def get_command(self, id: str) -> Steps[Command]:
        """Get a command by its correlation id.

        :param id: The command's correlation id.
        :return: The command, with the clients' answers in ``result`` once they arrived.
        :raises NotFoundError: If there is no such command.
        """
        from scaleout_api.api.commands import get_command

        return (yield from self._call(get_command.build_request(check.require_id("id", id))))

    @operation
    def get_commands(
        self, parent_correlation_id: str | None = None, n_max: int | None = None
    ) -> Steps[CommandList]:
        """Get commands, newest first.

        :param parent_correlation_id: Only the sub-commands of this command.
        :param n_max: The maximum number of commands to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [command, ...]}``.
        """
        from scaleout_api.api.commands import list_commands

        parent = check.optional_str("parent_correlation_id", parent_correlation_id)
        request = list_commands.build_request(
            parent_correlation_id=given(parent), x_limit=given(check.n_max(n_max))
        )
        return (yield from self._call(request))

    @operation
    def get_commands_roots(self, n_max: int | None = None) -> Steps[CommandList]:
        """Get the commands that have no parent command, newest first.

        :param n_max: The maximum number of commands to get (``None`` or 0: all).
        :return: ``{"count": <total>, "result": [command, ...]}``.
        """
        from scaleout_api.api.commands import list_root_commands

        return (
            yield from self._call(
                list_root_commands.build_request(x_limit=given(check.n_max(n_max)))
            )
        )

    @operation
    def get_commands_count(self) -> Steps[int]:
        """Get the number of commands.

        :return: The number of commands.
        """
        from scaleout_api.api.commands import count_commands

        return (yield from self._call(count_commands.build_request()))

    @operation
    def step_command(self, correlation_id: str) -> Steps[Message]:
        """Move a running command on to its next step.

        :param correlation_id: The command's correlation id.
        :return: The server's answer.
        :raises NotFoundError: If there is no such command.
        """
        from scaleout_api.api.commands import skip_command

        return (yield from self._control(skip_command.build_request, correlation_id))

    @operation
    def stop_command(self, correlation_id: str) -> Steps[Message]:
        """Stop a running command.

        :param correlation_id: The command's correlation id.
        :return: The server's answer.
        :raises NotFoundError: If there is no such command.
        """
        from scaleout_api.api.commands import stop_command

        return (yield from self._control(stop_command.build_request, correlation_id))

    def _control(self, build: _ControlRequest, correlation_id: str) -> Steps[Message]:
        """Step or stop a command: both take its id in the path and again in the body."""
        from scaleout_api.models import CommandControlRequest

        command = check.require_id("correlation_id", correlation_id)
        body = CommandControlRequest(correlation_id=command)
        return (yield from self._call(build(command, body=body)))
