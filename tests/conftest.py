"""Helpers: temporary projects built from the real templates, termbase and samples."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "seeds").glob("*.txt"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
STORY = "chieu-26-8-thu-tuong-pham-minh-chinh-truong-ban-chi-dao-quoc"  # the sample story
HOSTILE = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'


def make_project(where: Path, seeds: dict[str, str | bytes] | None = None,
                 *, samples: bool = True) -> Path:
    """A project folder like the repository's, with the given extra seeds."""
    for name in ("templates", "glossary", "overrides"):
        shutil.copytree(REPO / name, where / name)
    shutil.copy(REPO / "mkdocs.yml", where / "mkdocs.yml")
    (where / "briefings").symlink_to(REPO / "briefings")
    (where / "site_src").mkdir()  # as in a fresh clone: only its .gitkeep
    (where / "site_src" / ".gitkeep").touch()
    (where / "seeds").mkdir()
    if samples:
        for sample in SAMPLES:
            shutil.copy(sample, where / "seeds" / sample.name)
    for name, content in (seeds or {}).items():
        path = where / "seeds" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return where


class Page(HTMLParser):
    """What a browser would show and follow: visible text, links, the html lang."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.heads: list[dict[str, str]] = []
        self.lang = ""
        self.texts: list[str] = []
        self._skip = 0
        self._open_link: dict[str, str] | None = None
        self.feed(html)

    BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td",
              "th", "tr", "nav", "header", "footer", "section", "article", "label", "button"}

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag in self.BLOCKS:
            self.texts.append(" ")
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and "href" in attributes:
            self._open_link = {**attributes, "text": ""}
            self.links.append(self._open_link)
        if tag == "link":
            self.heads.append(attributes)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.texts.append(" ")
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a":
            self._open_link = None

    def handle_data(self, data):
        if self._skip:
            return
        self.texts.append(data)
        if self._open_link is not None:
            self._open_link["text"] += data

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory) -> Path:
    """The sample seeds built once, web and offline, as `make site` does."""
    from briefings.cli import main

    root = make_project(tmp_path_factory.mktemp("samples"))
    assert main(["--root", str(root), "--quiet"]) == 0
    return root


@pytest.fixture(scope="session")
def built_with_properdocs(tmp_path_factory) -> Path:
    """The samples built with ProperDocs, the maintained fork of MkDocs (`make properdocs`)."""
    from briefings.cli import main

    pytest.importorskip("properdocs", reason="ProperDocs is not installed (make properdocs)")
    root = make_project(tmp_path_factory.mktemp("properdocs"))
    assert main(["--root", str(root), "--quiet", "--engine", "properdocs"]) == 0
    return root


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, one for all browser tests; never downloaded."""
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium at /usr/bin/chromium (.ci/run installs it with apt-get)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def bundle(built_samples, tmp_path_factory) -> Path:
    """The offline zip of the samples, unzipped as a reader does."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_samples / "dist" / "briefings-offline.zip") as archive:
        archive.extractall(folder)
    return folder / "briefings-offline"


@pytest.fixture
def offline_page(browser):
    """A page that refuses the network and records what a reader's console would show."""
    page = browser.new_page()
    page.errors, page.outside = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    yield page
    page.close()


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host, quiet, that answers a missing page with the site's 404.html as
    GitHub Pages does."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def served_build(root: Path):
    """The project built for an address on 127.0.0.1, its web site served there, as a host
    would: gives the address."""
    from briefings.cli import main

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Host)
    base = f"http://127.0.0.1:{server.server_port}/"
    assert main(["--root", str(root), "--quiet", "--site-url", base]) == 0
    server.RequestHandlerClass = functools.partial(_Host, directory=str(root / "site"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def web_site(tmp_path_factory):
    """The samples' web build served on 127.0.0.1 at the address it was built for, as a host
    would, with markup in the English seed (which must stay text)."""
    root = make_project(tmp_path_factory.mktemp("web"))
    english = next((root / "seeds").glob("003_*.txt"))
    english.write_text(english.read_text(encoding="utf-8").replace(
        "Previously, on August 25, 2025,", f"Previously {HOSTILE}, on August 25, 2025,"),
        encoding="utf-8")
    with served_build(root) as base:
        yield base


CORPUS = REPO.parent / "shared" / "corpus"  # real articles; not in the repository
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory) -> Path:
    """The real corpus (`../shared/corpus/articles`, all its languages and scripts) built
    once, web and offline, as a new user who drops it into `seeds/` would."""
    from briefings.cli import main

    if not (CORPUS / "gold.json").is_file():
        pytest.skip(f"no real corpus at {CORPUS}: its build is tested where it is present")
    root = make_project(tmp_path_factory.mktemp("corpus"), samples=False)
    for article in sorted((CORPUS / "articles").glob("*.txt")):
        shutil.copy(article, root / "seeds" / article.name)
    assert main(["--root", str(root), "--quiet"]) == 0
    return root


@pytest.fixture(scope="session")
def rtl_site(tmp_path_factory):
    """The samples with two versions of our own of the sample story, in Arabic (right to
    left) and Lao (no Material translation), built web and offline; the web build served on
    127.0.0.1. Gives (project root, the web site's address)."""
    root = make_project(tmp_path_factory.mktemp("rtl"), {
        "005_ar.txt": (DATA / "rtl_ar.txt").read_text(encoding="utf-8"),
        "006_lo.txt": (DATA / "lao.txt").read_text(encoding="utf-8")})
    with served_build(root) as base:
        yield root, base
