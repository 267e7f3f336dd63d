"""Pure parsers for mail and calendar archives (no Django): files in, plain records out."""

from battlemap.io.mail.detect import FORMATS, detect_format, parse_paths
from battlemap.io.mail.records import Address, BadFile, MessageRecord, ParseResult, Signature

__all__ = [
    "FORMATS",
    "Address",
    "BadFile",
    "MessageRecord",
    "ParseResult",
    "Signature",
    "detect_format",
    "parse_paths",
]
