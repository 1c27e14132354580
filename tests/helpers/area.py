"""The operator area over HTTP against the stack, report links and PDFs read back, and Chromium
at a phone's width with its accessibility checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import requests

from shared.text import formats
from tests.helpers.data import Q3


def report_link(stack, headers, **body):
    response = requests.post(
        f"{stack.url('report')}/api/v1/reports", json={"quarter": Q3.key, **body}, headers=headers, timeout=60
    )
    assert response.status_code == 201, response.text
    return response.json()["url"]


def pdf_text(url, path) -> str:
    pdf = requests.get(url, timeout=30)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    path.write_bytes(pdf.content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def comma(value, digits):
    return formats.number(value, digits, "id")


class Area:
    """A browser-like client of the operator area (cookies, forms, no JavaScript)."""

    def __init__(self, stack, headers):
        self.base = f"{stack.url('report')}/operator"
        self.http = requests.Session()
        signed_in = self.http.post(
            f"{self.base}/login", data={"token": headers["Authorization"].split()[1]}, timeout=30
        )
        assert signed_in.status_code == 200 and "skm_session" in self.http.cookies
        self.csrf = re.search(r'name="csrf" value="([^"]+)"', signed_in.text).group(1)

    def get(self, path, **kwargs):
        return self.http.get(self.base + path, timeout=60, **kwargs)

    def post(self, path, data, csrf=True):
        return self.http.post(
            self.base + path, data={**data, **({"csrf": self.csrf} if csrf else {})}, timeout=60, allow_redirects=False
        )


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


FLAGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
] + (["--no-sandbox"] if os.geteuid() == 0 else [])


def new_phone(browser, javascript: bool):
    # An Indonesian phone: small screen, id-ID locale.
    return browser.new_context(viewport={"width": 360, "height": 640}, locale="id-ID", java_script_enabled=javascript)


def accessibility_violations(browser, url: str, action=None) -> list[str]:
    """axe-core's violations on a page (axe needs JavaScript; the page itself has none)."""
    from axe_playwright_python.sync_playwright import Axe

    context = new_phone(browser, javascript=True)
    page = context.new_page()
    page.goto(url)
    if action:
        action(page)
    results = Axe().run(page)
    context.close()
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
