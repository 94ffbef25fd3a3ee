from typing import Literal

StatusEventType = Literal[
    "BACKWARD",
    "BACKWARD_REQUEST",
    "FORWARD",
    "FORWARD_REQUEST",
    "LOG",
    "MODEL_PREDICTION",
    "MODEL_UPDATE",
    "MODEL_UPDATE_REQUEST",
    "MODEL_VALIDATION",
    "MODEL_VALIDATION_REQUEST",
    "NETWORK",
]

STATUS_EVENT_TYPE_VALUES: set[StatusEventType] = {
    "BACKWARD",
    "BACKWARD_REQUEST",
    "FORWARD",
    "FORWARD_REQUEST",
    "LOG",
    "MODEL_PREDICTION",
    "MODEL_UPDATE",
    "MODEL_UPDATE_REQUEST",
    "MODEL_VALIDATION",
    "MODEL_VALIDATION_REQUEST",
    "NETWORK",
}


def check_status_event_type(value: str) -> StatusEventType:
    if value in STATUS_EVENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATUS_EVENT_TYPE_VALUES!r}")
