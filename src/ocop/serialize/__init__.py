"""The public JSON documents of :mod:`ocop`, written and read here and nowhere else.

Rank requests and results (:mod:`ocop.serialize.rank`), the catalogue export and the rule
sets (:mod:`ocop.serialize.catalogue`), councils (:mod:`ocop.serialize.council`), the
procedure's documents: the next step, levels, council and dossier checks, deadlines, the
calendar, the rule-set selection (:mod:`ocop.serialize.procedure`), and the certificates'
documents: certificates, statuses, product codes (:mod:`ocop.serialize.certificates`).
The model classes have no ``to_dict``; this package sits above them.

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

from ocop._lazy import lazy_attribute
from ocop.serialize._json import (
    FORMAT_VERSION,
    MAX_DOCUMENT,
    MAX_LINE,
    decode_utf8,
    encode_line,
    error_to_dict,
    loads,
)
from ocop.serialize.catalogue import classification_to_list, ruleset_to_dict
from ocop.serialize.council import council_from_dict, council_to_dict
from ocop.serialize.overlay import overlay_from_dict, overlay_to_dict
from ocop.serialize.rank import (
    Detail,
    rank_request_from_dict,
    rank_request_to_dict,
    result_from_dict,
    result_to_dict,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # imported on first use (PEP 562): ranking needs neither module
    from ocop.serialize.advice import (
        advice_to_dict,
        costs_from_dict,
        migration_to_dict,
        whatif_to_dict,
    )
    from ocop.serialize.advice_read import (
        advice_from_dict,
        migration_from_dict,
        whatif_from_dict,
    )
    from ocop.serialize.certificates import (
        EVENT_KINDS,
        certificate_from_dict,
        certificate_status_to_dict,
        certificate_to_dict,
        product_code_to_dict,
        reranking_window_to_dict,
    )
    from ocop.serialize.procedure import (
        calendar_to_dict,
        council_check_to_dict,
        deadline_to_dict,
        dossier_check_to_dict,
        next_step_to_dict,
        procedure_levels_to_dict,
        round_to_dict,
        rulesets_to_list,
        selection_to_dict,
    )
    from ocop.serialize.programme import (
        flows_to_dict,
        plan_from_dict,
        plan_to_dict,
        progress_to_dict,
        stats_to_dict,
    )

_LAZY_MODULES = (
    "ocop.serialize.certificates",
    "ocop.serialize.procedure",
    "ocop.serialize.programme",
    "ocop.serialize.advice",
    "ocop.serialize.advice_read",
)
"""The writers of the procedure's, the certificates', the programme's and the advisor's
documents, imported when first
used so that ranking (``ocop rank``, :mod:`ocop.jsonl`) does not load those packages: a
public name (in ``__all__``, the one list) is taken from the module whose ``__all__`` has it."""

__all__ = [
    "EVENT_KINDS",
    "FORMAT_VERSION",
    "MAX_DOCUMENT",
    "MAX_LINE",
    "Detail",
    "advice_from_dict",
    "advice_to_dict",
    "calendar_to_dict",
    "certificate_from_dict",
    "certificate_status_to_dict",
    "certificate_to_dict",
    "classification_to_list",
    "costs_from_dict",
    "council_check_to_dict",
    "council_from_dict",
    "council_to_dict",
    "deadline_to_dict",
    "decode_utf8",
    "dossier_check_to_dict",
    "encode_line",
    "error_to_dict",
    "flows_to_dict",
    "loads",
    "migration_from_dict",
    "migration_to_dict",
    "next_step_to_dict",
    "overlay_from_dict",
    "overlay_to_dict",
    "plan_from_dict",
    "plan_to_dict",
    "procedure_levels_to_dict",
    "product_code_to_dict",
    "progress_to_dict",
    "rank_request_from_dict",
    "rank_request_to_dict",
    "reranking_window_to_dict",
    "result_from_dict",
    "result_to_dict",
    "round_to_dict",
    "ruleset_to_dict",
    "rulesets_to_list",
    "selection_to_dict",
    "stats_to_dict",
    "whatif_from_dict",
    "whatif_to_dict",
]


def __getattr__(name: str) -> object:
    return lazy_attribute(__name__, name, __all__, _LAZY_MODULES, globals())
