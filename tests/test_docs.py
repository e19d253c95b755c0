"""The README stays true: every event-table column documented, the CI running the README's test command."""

import re

from loaders.schema import COLUMNS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_column_is_in_the_readme_table_with_the_contract_meaning():
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", README, flags=re.MULTILINE))
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
