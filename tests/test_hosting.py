"""The repository deploys as it is: the settings a public host needs, one pinned dependency file, no secrets in it, and
a clean copy that starts the way a host starts it (`streamlit run dashboard.py --server.headless true`), draws the
Timeline, and is read-only for a visitor."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser_support import CHART_DRAWN, CHROMIUM, ROOT, chart_event_ids, launch, server, wait_idle
from tests.conftest import SEED_DIR
from ui.cache import build_dataset
from ui.data import filter_events
from ui.view import View

CONFIG = ROOT / ".streamlit" / "config.toml"
PUBLIC_SETTINGS = {
    ("client", "toolbarMode"): "viewer",
    ("client", "showErrorDetails"): "none",
    ("browser", "gatherUsageStats"): False,
    ("server", "enableXsrfProtection"): True,
    ("server", "enableCORS"): True,
}
PIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==\d[0-9A-Za-z.+!-]*")
# Dependency files Community Cloud would read before (or instead of) requirements.txt.
OTHER_DEPENDENCY_FILES = ("uv.lock", "Pipfile", "Pipfile.lock", "environment.yml", "environment.yaml", "poetry.lock")
# Settings of the test machine that a host does not have.
LOCAL_ONLY = ("ARTICLES_DIR", "CURATION_PATH", "CURATION_READONLY", "PYTHONPATH")


def repository_files() -> list[str]:
    """What a clone of the next commit holds: the tracked files, and the new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


def test_the_config_is_fit_for_a_public_deployment():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    for (section, option), value in PUBLIC_SETTINGS.items():
        assert config[section][option] == value, f"{section}.{option}"
    assert 0 < config["server"]["maxUploadSize"] <= 10, "uploads bounded (megabytes)"
    assert {"light", "dark"} <= set(config["theme"]), "a light and a dark theme, so the reader (or an embed) can choose"


def test_requirements_pin_every_line_and_are_the_only_dependency_file():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    pins = [line for line in lines if line]
    assert pins and all(PIN.fullmatch(line) for line in pins), [line for line in pins if not PIN.fullmatch(line)]
    assert {"streamlit", "pandas", "plotly"} <= {line.split("==")[0].lower() for line in pins}
    present = set(repository_files())
    assert not present & set(OTHER_DEPENDENCY_FILES)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    assert "dependencies" not in project, "pyproject.toml declares no dependencies a host could read instead"


def visitor_cannot_write(page, url: str, clone: Path) -> None:
    """Read-only by default: without editors configured, a correction on the Review page stays in the visitor's download."""
    page.goto(f"{url}/Review?event=000_95cf9caf70308b62-0")
    wait_idle(page)
    page.get_by_text("this copy has no editors configured, so it never writes its data").first.wait_for(timeout=30_000)
    assert page.get_by_text("Editors: sign in to save corrections").count() == 0
    page.get_by_role("tab", name="Title").click()
    page.get_by_role("textbox", name="Title", exact=True).fill("A visitor's title")
    page.locator("[data-testid='stMain'] button").filter(has_text=re.compile("^Save$")).filter(visible=True).click()
    page.locator("[role='alert'][data-kind='warning']").filter(has_text="Not saved here").wait_for(timeout=30_000)
    assert not (clone / "data" / "curation.csv").exists(), "a visitor never writes the shared data"
    assert str(clone) not in page.locator("[data-testid='stMain']").inner_text(), "no server path shown"


def test_the_secrets_file_is_never_committed():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, ".streamlit/secrets.toml is ignored by git"


@pytest.mark.browser
def test_a_clean_copy_starts_like_a_host_starts_it(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    clone = tmp_path / "clone"
    for name in repository_files():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    built = [p for p in clone.rglob("*") if p.name in ("__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis") or p.suffix == ".pyc"]
    assert not built, "nothing built beforehand"
    assert (clone / "dashboard.py").is_file() and (clone / ".streamlit" / "config.toml").is_file()
    with server("dashboard.py", cwd=clone, options=(), unset=LOCAL_ONLY) as host:
        with urllib.request.urlopen(f"{host.url}/_stcore/health", timeout=5) as answer:
            assert answer.read() == b"ok"
        remote = []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("request", lambda request: remote.append(request.url) if urlsplit(request.url).hostname != "127.0.0.1" else None)
            page.goto(f"{host.url}/Timeline")
            wait_idle(page)
            page.wait_for_selector(CHART_DRAWN, timeout=30_000)
            seed = filter_events(build_dataset(SEED_DIR).events, View())
            assert chart_event_ids(page) == set(seed.loc[seed["date"].notna(), "event_id"]) != set()
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator("[data-testid='stMainMenu']").count() == 1 and page.get_by_text("Deploy").count() == 0, "viewer toolbar"
            visitor_cannot_write(page, host.url, clone)
            browser.close()
        assert not remote, f"the app fetched remote resources: {remote}"
        assert str(clone / "data" / "articles") in host.log(), "the data is read from the clone, found from the code's own place"
