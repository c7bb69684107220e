"""The public JSON documents of :mod:`ocop`: rank requests and results, catalogue exports,
councils. (Certificates: :mod:`ocop.certificates.documents`.)

These shapes are a contract for systems written in other languages; they change only
with a new ``format_version``. Exact numbers travel as strings (``"215/3"``,
``"71.67"``), never as JSON floats. Each document has a JSON Schema (``ocop schema``).

>>> import ocop
>>> from ocop.serialize import result_to_dict, result_from_dict
>>> answers = {c.code: c.options[-1].key for c in ocop.load_ruleset("qd26-2026").sheet(2).criteria}
>>> result = ocop.rank([{"member": "A", "answers": answers}], sheet=2, ruleset="qd26-2026",
...                    id="tea-7")
>>> doc = result_to_dict(result)
>>> doc["id"], doc["stars"], doc["average"], doc["average_exact"]
('tea-7', 5, '100.00', '100')
>>> result_from_dict(doc) == result
True
"""

from __future__ import annotations

from ocop.serialize._json import FORMAT_VERSION, encode_line, error_to_dict, loads
from ocop.serialize.catalogue import ruleset_to_dict
from ocop.serialize.council import council_from_dict, council_to_dict
from ocop.serialize.rank import (
    Detail,
    rank_request_from_dict,
    rank_request_to_dict,
    result_from_dict,
    result_to_dict,
)

__all__ = [
    "FORMAT_VERSION",
    "Detail",
    "council_from_dict",
    "council_to_dict",
    "encode_line",
    "error_to_dict",
    "loads",
    "rank_request_from_dict",
    "rank_request_to_dict",
    "result_from_dict",
    "result_to_dict",
    "ruleset_to_dict",
]
