"""Reports: a programme's statistics and progress as HTML or Markdown (vi/en), with
charts drawn by matplotlib (the optional extra ``charts``). ``ocop report`` writes them."""

from __future__ import annotations

from ocop.reports.programme import Report, build_report, render_report

__all__ = ["Report", "build_report", "render_report"]
