"""The one state: :class:`Answers` (``model``), with its link (``link``) and file (``files``) codecs."""

from guide.answers.files import MAX_UPLOAD_BYTES, loads, validate, version_of
from guide.answers.link import (
    LANG_PARAM,
    QN_PREFIX,
    SECTION_PARAMS,
    VERSION_PARAM,
    ZDICT_V2,
    decode_part,
    encode_part,
    query_keys,
    read_query,
)
from guide.answers.model import (
    CURRENT_VERSION,
    LAST_DATE,
    MAX_OUTCOMES,
    PHASES,
    SROI_RATES,
    Answers,
    CalendarInputs,
    CaseFile,
    ErrorCode,
    EstimateInputs,
    ProcurementInputs,
    QuestionnaireAnswers,
    SroiInputs,
    SroiOutcome,
    StateError,
)

__all__ = [
    "CURRENT_VERSION", "LANG_PARAM", "LAST_DATE", "MAX_OUTCOMES", "MAX_UPLOAD_BYTES", "PHASES", "QN_PREFIX",
    "SECTION_PARAMS", "SROI_RATES", "VERSION_PARAM", "ZDICT_V2", "Answers", "CalendarInputs", "CaseFile",
    "ErrorCode", "EstimateInputs",
    "ProcurementInputs", "QuestionnaireAnswers", "SroiInputs", "SroiOutcome", "StateError", "decode_part",
    "encode_part", "loads", "query_keys", "read_query", "validate", "version_of",
]
