"""The README stays true: every event-table column documented, the CI running the README's test command, the link
parameters and example links of the sharing section."""

import re
from urllib.parse import parse_qs

from loaders.schema import COLUMNS
from tests.conftest import ROOT, SEED_DIR
from ui.cache import build_dataset
from ui.view import PARAM_BY_NAME, view_from_query, view_to_query

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_column_is_in_the_readme_table_with_the_contract_meaning():
    section = README.split("\n## The event table\n", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", section, flags=re.MULTILINE))
    assert list(rows) == list(COLUMNS)
    assert rows == COLUMNS


def test_the_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    block = re.search(r"```bash\n(.+?)```", README, flags=re.DOTALL).group(1).strip().splitlines()
    assert block[0].startswith("pip install -r requirements.txt && streamlit run dashboard.py")
    test_command = block[1].split("#")[0].strip().split("&&")[-1].strip()
    assert test_command == "python3 -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"\n{test_command}\n" in ci
    assert 'if [ "$status" -eq 5 ]' in ci


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_documented_link_parameters_are_the_apps_and_the_example_links_open_cleanly():
    section = _section("Sharing, embedding and presenting")
    documented = {name for cell in re.findall(r"^\| (`.+?`) \|", section, flags=re.MULTILINE) for name in re.findall(r"`(\w+)`", cell)}
    assert documented == set(PARAM_BY_NAME)
    links = re.findall(r"https?://[^/\s]+/(\w+)\?([^\s\"]+)", section)
    assert len(links) >= 4
    choices = build_dataset(SEED_DIR).choices
    for page, query in links:
        assert any((ROOT / "pages").glob(f"*_{page}.py")), page
        params = {k: v for k, v in parse_qs(query).items() if k not in ("embed", "embed_options")}
        view, notices = view_from_query(params, choices)
        assert notices == [], (page, query, notices)
        written = view_to_query(view)
        assert written.items() <= params.items(), "the app writes the link back (defaults left out)"
        assert view_from_query(written, choices)[0] == view, "what it writes reopens the same view"
