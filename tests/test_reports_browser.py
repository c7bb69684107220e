"""The HTML report renders in a real headless browser: the screenshot is not blank, and
the charts are drawn (coloured pixels of the star classes)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ocop.programme import load_plan, read_registry_csv
from ocop.reports import render_report

pytest.importorskip("matplotlib")
Image = pytest.importorskip("PIL.Image")  # installed with matplotlib

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")

REGISTRY = (  # invented rows of one province, to fill every chart
    "product,producer,producer_type,province,stars,level,decision_date\n"
    "Chè,HTX A,HTX,Hòa Bình,3,province,2021-06-01\n"
    "Chè,HTX A,HTX,Hòa Bình,4,province,2022-06-01\n"
    "Miến,HTX A,HTX,Hòa Bình,3,province,2022-06-01\n"
    "Cam,Hộ B,hộ kinh doanh,Hòa Bình,3,province,2023-06-01\n"
    "Mật ong,Công ty D,doanh nghiệp,Hòa Bình,5,central,2024-06-01\n"
)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_report_renders_in_a_browser(tmp_path: Path, lang: str) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        render_report(
            read_registry_csv(REGISTRY),
            load_plan("hoa-binh-162-2022"),
            date(2024, 12, 31),
            lang=lang,
        ),
        encoding="utf-8",
    )
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1000,3000",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    image = Image.open(shot).convert("RGB")
    colours = {rgb: n for n, rgb in image.getcolors(maxcolors=2**24)}
    total = image.width * image.height
    assert colours.get((255, 255, 255), 0) < 0.97 * total  # text, tables, charts: not blank
    # the bars of the 3-star class (#f2b134) and of 5 stars (#b8322a) are drawn
    assert colours.get((0xF2, 0xB1, 0x34), 0) > 500
    assert colours.get((0xB8, 0x32, 0x2A), 0) > 100
