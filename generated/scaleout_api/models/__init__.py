"""Contains all the data models used in inputs/outputs"""

from .aggregation_time import AggregationTime
from .aggregator import Aggregator
from .aggregator_kwargs import AggregatorKwargs
from .attribute import Attribute
from .attribute_input import AttributeInput
from .attribute_list import AttributeList
from .attribute_query import AttributeQuery
from .checksum import Checksum
from .client_config import ClientConfig
from .client_list import ClientList
from .client_settings import ClientSettings
from .client_status import ClientStatus
from .combiner import Combiner
from .combiner_list import CombinerList
from .combiner_parent import CombinerParent
from .combiner_update import CombinerUpdate
from .command import Command
from .command_answers import CommandAnswers
from .command_control_request import CommandControlRequest
from .command_list import CommandList
from .command_parameters import CommandParameters
from .command_result import CommandResult
from .command_status import CommandStatus
from .controller_state import ControllerState
from .controller_status import ControllerStatus
from .current_attributes import CurrentAttributes
from .current_attributes_request import CurrentAttributesRequest
from .edge_client import EdgeClient
from .error import Error
from .helper import Helper
from .helper_update import HelperUpdate
from .log_level import LogLevel
from .message import Message
from .metric import Metric
from .metric_list import MetricList
from .model import Model
from .model_add_form import ModelAddForm
from .model_added import ModelAdded
from .model_list import ModelList
from .model_upload_form import ModelUploadForm
from .node import Node
from .node_attributes import NodeAttributes
from .package import Package
from .package_add_form import PackageAddForm
from .package_added import PackageAdded
from .package_list import PackageList
from .package_mode import PackageMode
from .package_upload_form import PackageUploadForm
from .prediction import Prediction
from .prediction_list import PredictionList
from .reduce_timings import ReduceTimings
from .round_ import Round
from .round_combiner import RoundCombiner
from .round_combiner_config import RoundCombinerConfig
from .round_combiner_data import RoundCombinerData
from .round_config import RoundConfig
from .round_data import RoundData
from .round_list import RoundList
from .round_status import RoundStatus
from .run_command_request import RunCommandRequest
from .server_optimizer import ServerOptimizer
from .session import Session
from .session_config import SessionConfig
from .session_create import SessionCreate
from .session_list import SessionList
from .session_start_request import SessionStartRequest
from .session_status import SessionStatus
from .sort_order import SortOrder
from .stage_model_request import StageModelRequest
from .start_inference_request import StartInferenceRequest
from .start_predictions_request import StartPredictionsRequest
from .start_validation_request import StartValidationRequest
from .status import Status
from .status_event_type import StatusEventType
from .status_input import StatusInput
from .status_list import StatusList
from .token_refresh_request import TokenRefreshRequest
from .token_response import TokenResponse
from .upload_chunk import UploadChunk
from .upload_complete import UploadComplete
from .upload_complete_request import UploadCompleteRequest
from .upload_init import UploadInit
from .upload_init_request import UploadInitRequest
from .validation import Validation
from .validation_list import ValidationList

__all__ = (
    "AggregationTime",
    "Aggregator",
    "AggregatorKwargs",
    "Attribute",
    "AttributeInput",
    "AttributeList",
    "AttributeQuery",
    "Checksum",
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
    "ControllerState",
    "ControllerStatus",
    "CurrentAttributes",
    "CurrentAttributesRequest",
    "EdgeClient",
    "Error",
    "Helper",
    "HelperUpdate",
    "LogLevel",
    "Message",
    "Metric",
    "MetricList",
    "Model",
    "ModelAdded",
    "ModelAddForm",
    "ModelList",
    "ModelUploadForm",
    "Node",
    "NodeAttributes",
    "Package",
    "PackageAdded",
    "PackageAddForm",
    "PackageList",
    "PackageMode",
    "PackageUploadForm",
    "Prediction",
    "PredictionList",
    "ReduceTimings",
    "Round",
    "RoundCombiner",
    "RoundCombinerConfig",
    "RoundCombinerData",
    "RoundConfig",
    "RoundData",
    "RoundList",
    "RoundStatus",
    "RunCommandRequest",
    "ServerOptimizer",
    "Session",
    "SessionConfig",
    "SessionCreate",
    "SessionList",
    "SessionStartRequest",
    "SessionStatus",
    "SortOrder",
    "StageModelRequest",
    "StartInferenceRequest",
    "StartPredictionsRequest",
    "StartValidationRequest",
    "Status",
    "StatusEventType",
    "StatusInput",
    "StatusList",
    "TokenRefreshRequest",
    "TokenResponse",
    "UploadChunk",
    "UploadComplete",
    "UploadCompleteRequest",
    "UploadInit",
    "UploadInitRequest",
    "Validation",
    "ValidationList",
)
