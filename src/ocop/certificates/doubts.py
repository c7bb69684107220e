"""What the registry doubts about a certificate: a class issued at a level no source names,
or an issue day on which no rule of the level is known (answered from the data, stated).

* Under 148/QĐ-TTg the district recognises 3★; a provincial 3★ certificate is accepted as
  doubtful (the province stage's ``doubtful`` record in the rule set's ``procedure.json``).
* From 1 to 5 July 2025 the districts no longer existed (two-tier local government) while
  148/QĐ-TTg still governed; 1489/QĐ-TTg moved 3★ to the province only from 6 July 2025
  (the gap in ``shared.json``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocop.certificates.model import Certificate

__all__ = ["certificate_doubts"]


def certificate_doubts(cert: Certificate) -> tuple[str, ...]:
    """The registry's doubts about *cert*, each a sentence with its reason (may be empty)."""
    from ocop.certificates.model import Certificate
    from ocop.errors import InvalidInput
    from ocop.procedure import load_procedure
    from ocop.procedure.levels import gap_on

    if not isinstance(cert, Certificate):
        raise InvalidInput("cert", cert, "expected an ocop.certificates.Certificate")
    out: list[str] = []
    if cert.stars is not None and cert.level is not None:
        for stage in load_procedure(cert.ruleset).stages:
            if stage.level.value != cert.level.value:
                continue
            for doubt in stage.doubtful:
                if cert.stars in doubt.stars:
                    out.append(
                        f"A {cert.stars}★ certificate issued at level {cert.level.value} under "
                        f"{cert.ruleset}: {doubt.reason}"
                    )
    gap = gap_on(cert.issued)
    if gap is not None and gap.ruleset == cert.ruleset:
        out.append(
            f"Issued on {cert.issued.isoformat()}, between {gap.first_day.isoformat()} and "
            f"{gap.last_day.isoformat()}: {gap.reason}"
        )
    return tuple(out)
