"""Screenshots for the README: `make screenshots` after `make site` (needs chromium)."""

import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
STORY = "chieu-26-8-thu-tuong-pham-minh-chinh-truong-ban-chi-dao-quoc"
SHOTS = {"home.png": "vi/", "briefing.png": f"en/briefings/{STORY}/",
         "glossary.png": "ru/glossary/four-pillars/"}

handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "site"))
handler.log_message = lambda *args: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1200, "height": 820})
    for name, path in SHOTS.items():
        page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
        if name == "briefing.png":
            page.locator('a.glossary[href$="glossary/four-pillars/"]').first.hover()
            page.wait_for_timeout(600)
        page.screenshot(path=str(ROOT / "screenshots" / name))
    browser.close()
server.shutdown()
