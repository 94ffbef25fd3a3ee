"""TypedDicts and Literal aliases for the JSON of every schema in openapi/controller.yaml.

Written by scripts/generate.py (not by openapi-python-client); never edit it by hand. They
describe the plain dicts of ``response.json()``: required keys are the spec's required
properties, optional ones are ``NotRequired``, and nullable fields admit ``None``.
``<OperationId>Result`` is the JSON of each operation's success answer.
"""

from typing import Any, Literal, NotRequired, TypeAlias, TypedDict

__all__ = [
    "AbortUploadResult",
    "AddAttributeResult",
    "AddModelResult",
    "AddPackageResult",
    "AddStatusResult",
    "AggregationTime",
    "Aggregator",
    "AggregatorKwargs",
    "AncestorLimit",
    "Attribute",
    "AttributeInput",
    "AttributeList",
    "AttributeQuery",
    "Checksum",
    "Client",
    "ClientConfig",
    "ClientList",
    "ClientSettings",
    "ClientStatus",
    "Combiner",
    "CombinerList",
    "CombinerParent",
    "CombinerUpdate",
    "Command",
    "CommandAnswers",
    "CommandControlRequest",
    "CommandList",
    "CommandParameters",
    "CommandResult",
    "CommandStatus",
    "CompleteUploadResult",
    "ContinueCurrentSessionResult",
    "ControllerState",
    "ControllerStatus",
    "CountAttributesResult",
    "CountClientsResult",
    "CountCombinersResult",
    "CountCommandsResult",
    "CountMetricsResult",
    "CountModelsResult",
    "CountPackagesResult",
    "CountPredictionsResult",
    "CountRoundsResult",
    "CountSessionsResult",
    "CountStatusesResult",
    "CountValidationsResult",
    "CreateSessionResult",
    "CurrentAttributes",
    "CurrentAttributesRequest",
    "DownloadModelResult",
    "DownloadPackageResult",
    "Error",
    "GetActiveHelperResult",
    "GetActivePackageResult",
    "GetAttributeResult",
    "GetClientConfigResult",
    "GetClientResult",
    "GetCombinerResult",
    "GetCommandResult",
    "GetControllerStatusResult",
    "GetCurrentAttributesResult",
    "GetModelAncestorsResult",
    "GetModelResult",
    "GetPackageChecksumResult",
    "GetPackageResult",
    "GetPredictionResult",
    "GetRoundResult",
    "GetSessionResult",
    "GetStatusResult",
    "GetValidationResult",
    "Helper",
    "HelperUpdate",
    "HttpDate",
    "InitUploadResult",
    "ListAttributesResult",
    "ListClientsResult",
    "ListCombinersResult",
    "ListCommandsResult",
    "ListMetricsResult",
    "ListModelsResult",
    "ListPackagesResult",
    "ListPredictionsResult",
    "ListRootCommandsResult",
    "ListRoundsResult",
    "ListSessionsResult",
    "ListStatusesResult",
    "ListValidationsResult",
    "LogLevel",
    "Message",
    "Metric",
    "MetricList",
    "Model",
    "ModelAddForm",
    "ModelAdded",
    "ModelList",
    "ModelUploadForm",
    "Node",
    "NodeAttributes",
    "Package",
    "PackageAddForm",
    "PackageAdded",
    "PackageList",
    "PackageMode",
    "PackageUploadForm",
    "PageLimit",
    "PageSkip",
    "Prediction",
    "PredictionList",
    "QueryAttributesResult",
    "ReduceTimings",
    "RefreshTokenResult",
    "Rfc3339Timestamp",
    "Round",
    "RoundCombiner",
    "RoundCombinerConfig",
    "RoundCombinerData",
    "RoundConfig",
    "RoundData",
    "RoundList",
    "RoundStatus",
    "RunCommandRequest",
    "RunCommandResult",
    "ServerOptimizer",
    "Session",
    "SessionConfig",
    "SessionCreate",
    "SessionList",
    "SessionStartRequest",
    "SessionStatus",
    "SetActiveHelperResult",
    "SkipCommandResult",
    "SortKey",
    "SortOrder",
    "StageModelRequest",
    "StageModelResult",
    "StartInferenceRequest",
    "StartInferenceResult",
    "StartPredictionsRequest",
    "StartPredictionsResult",
    "StartSessionResult",
    "StartValidationRequest",
    "StartValidationResult",
    "Status",
    "StatusEventType",
    "StatusInput",
    "StatusList",
    "StopCommandResult",
    "StopCurrentSessionResult",
    "TokenRefreshRequest",
    "TokenResponse",
    "UpdateCombinerResult",
    "UploadChunk",
    "UploadChunkResult",
    "UploadComplete",
    "UploadCompleteRequest",
    "UploadInit",
    "UploadInitRequest",
    "Validation",
    "ValidationList",
]

SortOrder: TypeAlias = Literal["asc", "desc"]
SessionStatus: TypeAlias = Literal["Created", "Started", "Finished", "Terminated", "Failed"]
RoundStatus: TypeAlias = Literal["Pending", "Success", "Failed", "Terminated", "Finished"]
ClientStatus: TypeAlias = Literal["online", "offline", "available"]
ControllerState: TypeAlias = Literal["setup", "idle", "instructing", "monitoring", "UNKNOWN"]
LogLevel: TypeAlias = Literal["NONE", "INFO", "DEBUG", "WARNING", "ERROR", "AUDIT"]
StatusEventType: TypeAlias = Literal[
    "LOG",
    "MODEL_UPDATE_REQUEST",
    "MODEL_UPDATE",
    "MODEL_VALIDATION_REQUEST",
    "MODEL_VALIDATION",
    "MODEL_PREDICTION",
    "NETWORK",
    "FORWARD_REQUEST",
    "FORWARD",
    "BACKWARD_REQUEST",
    "BACKWARD",
]
Helper: TypeAlias = Literal["numpyhelper", "binaryhelper", "androidhelper"]
PackageMode: TypeAlias = Literal["local", "remote"]
CommandStatus: TypeAlias = Literal[
    "", "COMPLETED", "PENDING", "RUNNING", "FAILED", "INTERRUPTED", "NEW", "TIMEOUT", "CREATED", "UNKNOWN"
]
Aggregator: TypeAlias = Literal["fedavg", "fedopt"]
ServerOptimizer: TypeAlias = Literal["adam", "yogi", "adagrad"]


class Error(TypedDict):
    """An error. Some servers add `"success": false`; a few legacy answers use `error` instead of
    `message`.
    """

    message: str
    success: NotRequired[bool]


class Message(TypedDict):
    """A plain acknowledgement. Some answers add `success`, or the `correlation_id` of the commands
    they started (`start_validation`).
    """

    message: str
    success: NotRequired[bool]
    #: The id that the started commands' results carry.
    correlation_id: NotRequired[str]


class ModelAdded(TypedDict):
    """The answer to adding a model. The documented client's tests mock `{"success": true}`;
    servers may leave out `model_id`.
    """

    message: str
    success: NotRequired[bool]
    model_id: NotRequired[str]


class PackageAdded(TypedDict):
    """The answer to adding a compute package; servers may leave out `package_id`."""

    message: str
    success: NotRequired[bool]
    package_id: NotRequired[str]


PageLimit: TypeAlias = int


AncestorLimit: TypeAlias = int


PageSkip: TypeAlias = int


SortKey: TypeAlias = str


HttpDate: TypeAlias = str


Rfc3339Timestamp: TypeAlias = str


class AggregatorKwargs(TypedDict):
    """Options of the aggregator. `fedopt` reads the ones listed here; other aggregators may read
    other keys. FEDn 0.33 declares the field a string but stores what it gets.
    """

    serveropt: NotRequired[ServerOptimizer]
    learning_rate: NotRequired[float]
    beta1: NotRequired[float]
    beta2: NotRequired[float]
    tau: NotRequired[float]


class Node(TypedDict):
    """The sender or receiver of an event. FEDn 0.33 requires `name` and `role` when the object is
    given; the documented 1.0.1 client sends `sender: {client_id}` alone for statuses, so
    neither is required here. `combiner_id` is Edge only. The 1.1.0 client's docstrings show a
    flat `entity_id` on attributes instead.
    """

    name: NotRequired[str | None]
    #: OTHER, CLIENT, COMBINER or REDUCER; the documented client sends ''.
    role: NotRequired[str | None]
    client_id: NotRequired[str | None]
    combiner_id: NotRequired[str | None]


class Client(TypedDict):
    """An edge client."""

    client_id: str
    name: str
    #: Name of the assigned combiner.
    combiner: str
    #: Name of the preferred combiner (old data may hold `false`).
    combiner_preferred: NotRequired[str | bool | None]
    ip: NotRequired[str | None]
    status: ClientStatus
    last_seen: HttpDate
    #: Whether the client runs the controller's package.
    package: NotRequired[PackageMode | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


CombinerParent: TypeAlias = dict[str, Any]


class Combiner(TypedDict):
    """A combiner. `public_hostname`, `internal_hostname` and `grpc_secure` are Edge fields
    (inferred from the 1.1.0 client).
    """

    combiner_id: str
    name: str
    address: NotRequired[str | None]
    fqdn: NotRequired[str | None]
    ip: NotRequired[str | None]
    #: The node the combiner reports to: an object, or only its name (FEDn 0.33 with SQL storage
    #: keeps the name alone, e.g. `localhost`).
    parent: NotRequired[CombinerParent | str | None]
    port: NotRequired[int | None]
    public_hostname: NotRequired[str | None]
    internal_hostname: NotRequired[str | None]
    grpc_secure: NotRequired[bool | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class Model(TypedDict):
    """A model in the model trail. `model` is a legacy alias of `model_id`. The seed model has no
    parent and no session. Edge may add `allow_training` (inferred).
    """

    model_id: str
    #: Legacy alias of `model_id`.
    model: NotRequired[str | None]
    name: NotRequired[str | None]
    parent_model: NotRequired[str | None]
    session_id: NotRequired[str | None]
    allow_training: NotRequired[bool | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class Package(TypedDict):
    """A compute package. `file_name` should end in gz, bz2, tar, zip or tgz and `helper` be a
    Helper value; FEDn 0.33 checks both but does not enforce them.
    """

    package_id: str
    name: str
    description: str
    file_name: str
    helper: Helper
    storage_file_name: NotRequired[str | None]
    active: NotRequired[bool | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class SessionConfig(TypedDict):
    """The configuration of a session. Servers require the eight `required` fields; a `default`
    here is the value the documented clients send when their caller does not choose one
    (`helper_type` and `model_id` have none: clients send the active helper and the newest
    model).
    """

    aggregator: Aggregator
    aggregator_kwargs: NotRequired[AggregatorKwargs | None]
    #: Seconds a round may take. Non-zero.
    round_timeout: float
    #: The round buffer size; -1 for none. Non-zero.
    buffer_size: int
    rounds: NotRequired[int | None]
    #: Delete the combiners' intermediate models.
    delete_models_storage: bool
    #: The minimum number of clients a round needs.
    clients_required: int
    #: How many clients a round asks for.
    requested_clients: NotRequired[int | None]
    #: Validate the model after each round.
    validate: bool
    #: The documented 1.0.1 client sends null unless told; servers reject that.
    helper_type: Helper
    #: The model the session starts from.
    model_id: str
    #: Python source of a ServerFunctionsBase subclass.
    server_functions: NotRequired[str | None]


class Session(TypedDict):
    """A training session."""

    session_id: str
    name: NotRequired[str | None]
    #: `Created` when new.
    status: NotRequired[SessionStatus | None]
    session_config: SessionConfig
    seed_model_id: NotRequired[str | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class SessionCreate(TypedDict):
    """The body that creates a session."""

    name: NotRequired[str | None]
    #: The 1.0.1 client sends `session_config.model_id` here too.
    seed_model_id: NotRequired[str | None]
    session_config: SessionConfig


class SessionStartRequest(TypedDict):
    """Runs a created session."""

    session_id: str
    rounds: NotRequired[int]
    round_timeout: NotRequired[float]
    model_name_prefix: NotRequired[str]
    #: Comma-separated ids of the clients to use.
    client_ids: NotRequired[str]


ClientSettings: TypeAlias = dict[str, Any]


class RoundConfig(TypedDict):
    """The configuration of one round; every SessionConfig field plus these."""

    session_id: NotRequired[str | None]
    task: NotRequired[str | None]
    rounds: NotRequired[int | None]
    round_id: NotRequired[str | None]
    client_settings: NotRequired[ClientSettings | None]
    is_sl_inference: NotRequired[bool | None]
    selected_clients: NotRequired[list[str] | None]
    aggregator: NotRequired[Aggregator | None]
    round_timeout: NotRequired[float | None]
    validate: NotRequired[bool | None]
    helper_type: NotRequired[Helper | None]
    model_id: NotRequired[str | None]
    aggregator_kwargs: NotRequired[AggregatorKwargs | None]
    buffer_size: NotRequired[int | None]
    delete_models_storage: NotRequired[bool | None]
    clients_required: NotRequired[int | None]
    requested_clients: NotRequired[int | None]
    server_functions: NotRequired[str | None]


class ReduceTimings(TypedDict):
    """Seconds the controller spent making the round's model."""

    time_aggregate_model: NotRequired[float]
    time_fetch_model: NotRequired[float]
    time_load_model: NotRequired[float]


class RoundData(TypedDict):
    """Timings of a round."""

    time_commit: NotRequired[float | None]
    reduce: NotRequired[ReduceTimings | None]


RoundCombinerConfig: TypeAlias = dict[str, Any]


class AggregationTime(TypedDict):
    """How a combiner's aggregation went."""

    nr_aggregated_models: NotRequired[int]
    time_model_aggregation: NotRequired[float]
    time_model_load: NotRequired[float]


class RoundCombinerData(TypedDict):
    """What a combiner reports of its part of a round."""

    aggregation_time: NotRequired[AggregationTime]
    nr_expected_updates: NotRequired[int]
    nr_required_updates: NotRequired[int]
    time_combination: NotRequired[float]
    timeout: NotRequired[float]


class RoundCombiner(TypedDict):
    """One combiner's part of a round."""

    round_id: NotRequired[str | None]
    model_id: NotRequired[str | None]
    name: NotRequired[str | None]
    #: `Success` or `Failed`.
    status: NotRequired[RoundStatus | None]
    time_exec_training: NotRequired[float | None]
    config: NotRequired[RoundCombinerConfig | None]
    data: NotRequired[RoundCombinerData | None]


class Round(TypedDict):
    """A training round (read-only)."""

    round_id: str
    status: NotRequired[RoundStatus | None]
    round_config: NotRequired[RoundConfig | None]
    round_data: NotRequired[RoundData | None]
    combiners: NotRequired[list[RoundCombiner]]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class Status(TypedDict):
    """A status event."""

    status_id: str
    #: The message.
    status: NotRequired[str | None]
    timestamp: NotRequired[Rfc3339Timestamp | None]
    log_level: NotRequired[LogLevel | None]
    data: NotRequired[str | None]
    correlation_id: NotRequired[str | None]
    #: The kind of event; one of the StatusEventType values or any other string.
    type: NotRequired[StatusEventType | str | None]
    extra: NotRequired[str | None]
    session_id: NotRequired[str | None]
    sender: NotRequired[Node | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class StatusInput(TypedDict):
    """A status event to store; every field is optional."""

    status: NotRequired[str | None]
    timestamp: NotRequired[Rfc3339Timestamp | None]
    log_level: NotRequired[LogLevel | None]
    data: NotRequired[str | None]
    correlation_id: NotRequired[str | None]
    #: The kind of event; one of the StatusEventType values or any other string.
    type: NotRequired[StatusEventType | str | None]
    extra: NotRequired[str | None]
    session_id: NotRequired[str | None]
    sender: NotRequired[Node | None]


class Validation(TypedDict):
    """A validation result. `data` is a JSON-encoded string of metrics."""

    validation_id: str
    model_id: NotRequired[str | None]
    #: JSON-encoded metrics, e.g. `{"training_loss": 0.31, "test_accuracy": 0.88}`.
    data: NotRequired[str | None]
    correlation_id: NotRequired[str | None]
    timestamp: NotRequired[Rfc3339Timestamp | None]
    session_id: NotRequired[str | None]
    meta: NotRequired[str | None]
    sender: NotRequired[Node | None]
    receiver: NotRequired[Node | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class Prediction(TypedDict):
    """A prediction result."""

    prediction_id: str
    model_id: str
    #: JSON-encoded prediction output.
    data: str
    correlation_id: str
    timestamp: NotRequired[Rfc3339Timestamp | None]
    meta: NotRequired[str | None]
    sender: NotRequired[Node | None]
    receiver: NotRequired[Node | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class Metric(TypedDict):
    """A training metric reported by a client."""

    metric_id: str
    key: str
    value: float
    timestamp: NotRequired[Rfc3339Timestamp | None]
    sender: NotRequired[Node | None]
    model_id: str
    step: NotRequired[int | None]
    round_id: NotRequired[str | None]
    session_id: NotRequired[str | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class Attribute(TypedDict):
    """A key/value attribute of a node."""

    attribute_id: str
    key: str
    #: Always a string, e.g. `"true"`.
    value: str
    timestamp: NotRequired[Rfc3339Timestamp | None]
    sender: NotRequired[Node | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class AttributeInput(TypedDict):
    """An attribute to store."""

    key: str
    value: str
    timestamp: NotRequired[Rfc3339Timestamp | None]
    sender: Node


# Body filters for attributes; values are strings, and a comma-separated value means "any of".
AttributeQuery = TypedDict(
    "AttributeQuery",
    {
        "node_id": NotRequired[str],
        "entity_id": NotRequired[str],
        "key": NotRequired[str],
        "value": NotRequired[str],
        "sender.client_id": NotRequired[str],
        "sender.combiner_id": NotRequired[str],
    },
)


class CurrentAttributesRequest(TypedDict):
    """The nodes whose current attributes to get; give `node_ids` or `client_ids`."""

    node_ids: NotRequired[list[str]]
    client_ids: NotRequired[list[str]]


NodeAttributes: TypeAlias = dict[str, str]


CurrentAttributes: TypeAlias = dict[str, NodeAttributes | str]


CommandParameters: TypeAlias = dict[str, Any]


CommandAnswers: TypeAlias = dict[str, Any]


class Command(TypedDict):
    """A command sent to clients, keyed by its correlation id (Edge, 1.1.0 client). Its shape is
    inferred from the client; servers may add fields.
    """

    correlation_id: str
    parent_correlation_id: NotRequired[str | None]
    #: e.g. `Custom_<name>`, `Scaleout_ModelUpdate`, `Scaleout_Inference`.
    command_type: NotRequired[str | None]
    status: NotRequired[CommandStatus | None]
    parameters: NotRequired[CommandParameters | None]
    client_ids: NotRequired[list[str] | None]
    #: Answers per client id, when the clients have answered.
    result: NotRequired[CommandAnswers | None]
    committed_at: NotRequired[HttpDate | None]
    updated_at: NotRequired[HttpDate | None]


class RunCommandRequest(TypedDict):
    """A custom command. The documented 1.0.1 client merges the command's parameters into this
    object; the 1.1.0 client nests them under `parameters` and sends `synchronous`.
    """

    #: `Custom_<name>`.
    command_type: str
    #: Wait for the clients' answers (1.0.1 client).
    blocking: NotRequired[bool]
    #: Wait for the clients' answers (1.1.0 client).
    synchronous: NotRequired[bool]
    #: Seconds to wait when blocking.
    timeout: NotRequired[int | None]
    #: The clients to run on; null means all.
    client_ids: NotRequired[list[str] | None]
    parameters: NotRequired[CommandParameters | None]


class CommandResult(TypedDict):
    """The answer to a command; blocking commands include the clients' answers in `result`."""

    message: str
    success: NotRequired[bool]
    correlation_id: NotRequired[str | None]
    #: Answers per client id, when the command was blocking.
    result: NotRequired[CommandAnswers | None]


class StartInferenceRequest(TypedDict):
    """Inference with a model on clients."""

    model_id: str
    synchronous: NotRequired[bool]
    #: Seconds to wait; -1 means no limit.
    timeout: NotRequired[int | None]
    parameters: NotRequired[CommandParameters | None]
    client_ids: NotRequired[list[str] | None]


class StageModelRequest(TypedDict):
    """The clients to stage a model on; null means all."""

    client_ids: NotRequired[list[str] | None]


class StartValidationRequest(TypedDict):
    """Validation of a session's model."""

    session_id: str
    model_id: str


class StartPredictionsRequest(TypedDict):
    """Predictions with a model; the newest model when `model_id` is null."""

    prediction_id: str
    model_id: NotRequired[str | None]


class CommandControlRequest(TypedDict):
    """Repeats the correlation id of the command in the path."""

    correlation_id: str


class CombinerUpdate(TypedDict):
    """The public gRPC endpoint of a combiner."""

    #: `host` or `host:port`.
    public_hostname: str


class HelperUpdate(TypedDict):
    """The helper to make active."""

    helper: Helper


class ModelAddForm(TypedDict):
    """A finished upload to add as a model."""

    file_token: str
    helper: NotRequired[Helper]
    name: NotRequired[str]


class PackageAddForm(TypedDict):
    """A finished upload to add as the active compute package."""

    file_token: str
    helper: Helper
    name: str
    description: NotRequired[str]
    file_name: str
    restart_clients: NotRequired[bool]
    abort_ongoing_tasks: NotRequired[bool]


class ModelUploadForm(TypedDict):
    """A model file to add as a model, sent as `multipart/form-data` (the FEDn form); the server
    loads it with the active helper.
    """

    #: The model file.
    file: bytes
    #: A name for the model.
    name: NotRequired[str]


class PackageUploadForm(TypedDict):
    """A compute package archive to add as the active package, sent as `multipart/form-data` (the
    FEDn form); its `file_name` is the file name of the `file` part.
    """

    #: The package archive.
    file: bytes
    name: str
    #: Required by FEDn 0.33 servers; may be empty.
    description: str
    helper: Helper


class Checksum(TypedDict):
    """The checksum of a package file."""

    message: str
    checksum: NotRequired[str | None]


class ClientConfig(TypedDict):
    """What an edge client needs to reach the controller."""

    network_id: str
    discover_host: str
    discover_port: int
    checksum: NotRequired[str]


class ControllerStatus(TypedDict):
    """The controller state."""

    state: ControllerState


class TokenRefreshRequest(TypedDict):
    """A refresh token and the role to issue an access token for."""

    refresh_token: str
    role: NotRequired[str]


class TokenResponse(TypedDict):
    """An access token. `refresh_token`, when present, replaces the stored refresh token. FEDn-
    style servers answer `access` and `refresh` instead.
    """

    access_token: NotRequired[str]
    refresh_token: NotRequired[str]
    #: Seconds until the access token expires; its JWT `exp` claim wins.
    expires_in: NotRequired[int]
    token_type: NotRequired[str]
    access: NotRequired[str]
    refresh: NotRequired[str]


class UploadInitRequest(TypedDict):
    """The file to upload."""

    file_name: str
    file_size: int
    chunk_size: int


class UploadInit(TypedDict):
    """A started upload."""

    upload_id: str
    chunk_size: NotRequired[int]
    total_chunks: NotRequired[int]


class UploadChunk(TypedDict):
    """A stored chunk."""

    upload_id: NotRequired[str]
    chunk_index: NotRequired[int]
    received_bytes: NotRequired[int]


class UploadCompleteRequest(TypedDict):
    """Optional integrity check of a finished upload."""

    sha256: NotRequired[str]


class UploadComplete(TypedDict):
    """A finished upload and the token that refers to its file."""

    file_token: str
    file_name: NotRequired[str]
    file_size: NotRequired[int]
    sha256: NotRequired[str]


class ClientList(TypedDict):
    """A page of clients."""

    count: int
    result: list[Client]


class CombinerList(TypedDict):
    """A page of combiners."""

    count: int
    result: list[Combiner]


class ModelList(TypedDict):
    """A page of models."""

    count: int
    result: list[Model]


class PackageList(TypedDict):
    """A page of compute packages."""

    count: int
    result: list[Package]


class SessionList(TypedDict):
    """A page of sessions."""

    count: int
    result: list[Session]


class RoundList(TypedDict):
    """A page of rounds."""

    count: int
    result: list[Round]


class StatusList(TypedDict):
    """A page of status events."""

    count: int
    result: list[Status]


class ValidationList(TypedDict):
    """A page of validations."""

    count: int
    result: list[Validation]


class PredictionList(TypedDict):
    """A page of predictions."""

    count: int
    result: list[Prediction]


class MetricList(TypedDict):
    """A page of metrics."""

    count: int
    result: list[Metric]


class AttributeList(TypedDict):
    """A page of attributes."""

    count: int
    result: list[Attribute]


class CommandList(TypedDict):
    """A page of commands."""

    count: int
    result: list[Command]


RefreshTokenResult: TypeAlias = TokenResponse
GetControllerStatusResult: TypeAlias = ControllerStatus
InitUploadResult: TypeAlias = UploadInit
UploadChunkResult: TypeAlias = UploadChunk
CompleteUploadResult: TypeAlias = UploadComplete
AbortUploadResult: TypeAlias = Message
RunCommandResult: TypeAlias = CommandResult
ContinueCurrentSessionResult: TypeAlias = Message
StopCurrentSessionResult: TypeAlias = Message
StartInferenceResult: TypeAlias = CommandResult
ListClientsResult: TypeAlias = ClientList
CountClientsResult: TypeAlias = int
GetClientConfigResult: TypeAlias = ClientConfig
GetClientResult: TypeAlias = Client
ListCombinersResult: TypeAlias = CombinerList
CountCombinersResult: TypeAlias = int
GetCombinerResult: TypeAlias = Combiner
UpdateCombinerResult: TypeAlias = Message
ListModelsResult: TypeAlias = ModelList
AddModelResult: TypeAlias = ModelAdded
CountModelsResult: TypeAlias = int
GetModelResult: TypeAlias = Model
GetModelAncestorsResult: TypeAlias = list[Model]
DownloadModelResult: TypeAlias = bytes
StageModelResult: TypeAlias = CommandResult
GetActiveHelperResult: TypeAlias = Helper
SetActiveHelperResult: TypeAlias = Message
ListPackagesResult: TypeAlias = PackageList
AddPackageResult: TypeAlias = PackageAdded
CountPackagesResult: TypeAlias = int
GetActivePackageResult: TypeAlias = Package
GetPackageChecksumResult: TypeAlias = Checksum
DownloadPackageResult: TypeAlias = bytes
GetPackageResult: TypeAlias = Package
ListSessionsResult: TypeAlias = SessionList
CreateSessionResult: TypeAlias = Session
CountSessionsResult: TypeAlias = int
StartSessionResult: TypeAlias = Message
GetSessionResult: TypeAlias = Session
ListRoundsResult: TypeAlias = RoundList
CountRoundsResult: TypeAlias = int
GetRoundResult: TypeAlias = Round
ListStatusesResult: TypeAlias = StatusList
AddStatusResult: TypeAlias = Status
CountStatusesResult: TypeAlias = int
GetStatusResult: TypeAlias = Status
ListValidationsResult: TypeAlias = ValidationList
CountValidationsResult: TypeAlias = int
StartValidationResult: TypeAlias = Message
GetValidationResult: TypeAlias = Validation
ListPredictionsResult: TypeAlias = PredictionList
CountPredictionsResult: TypeAlias = int
StartPredictionsResult: TypeAlias = Message
GetPredictionResult: TypeAlias = Prediction
ListMetricsResult: TypeAlias = MetricList
CountMetricsResult: TypeAlias = int
ListAttributesResult: TypeAlias = AttributeList
AddAttributeResult: TypeAlias = Attribute
CountAttributesResult: TypeAlias = int
GetCurrentAttributesResult: TypeAlias = CurrentAttributes
QueryAttributesResult: TypeAlias = AttributeList
GetAttributeResult: TypeAlias = Attribute
ListCommandsResult: TypeAlias = CommandList
CountCommandsResult: TypeAlias = int
ListRootCommandsResult: TypeAlias = CommandList
GetCommandResult: TypeAlias = Command
SkipCommandResult: TypeAlias = Message
StopCommandResult: TypeAlias = Message
