"""python -m loaders DIR --out FILE: a summary line, one line per file skipped or warned about, the table written."""

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from loaders.export import write_table
from loaders.schema import COLUMNS
from tests.conftest import ROOT, SEED_DIR

PROGRESS = re.compile(r".*(: [\d,]+ of [\d,]+ articles \(\d+%\)|…)")  # a line of loaders.progress.describe


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "loaders", *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def messy_folder(tmp_path):
    for path in SEED_DIR.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "undated.txt").write_text("Talks go on\n\nOfficials keep talking about migration.\n", encoding="utf-8")
    return tmp_path


def test_csv_output_and_report(messy_folder, tmp_path):
    out = tmp_path / "out" / "events.csv"
    result = run(messy_folder, "--out", out)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.match(r"\d+ events \(6 main, \d+ referenced\) from 6 articles \(3 files skipped\)", lines[0])
    assert "skipped: empty.txt: empty file" in lines
    assert any(line.startswith("skipped: binary.txt: binary file") for line in lines)
    assert any(line.startswith("skipped: notes.docx: not an article file") for line in lines)
    assert "warning: undated.txt: no date found for the event" in lines
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table.columns) == list(COLUMNS)
    row = table.set_index("event_id").loc["000_95cf9caf70308b62-0"]
    assert row["date"] == "2018-07-10"
    assert set(row["countries"].split(";")) == {"USA", "GTM", "HND", "MEX", "SLV"}
    assert table.set_index("event_id").loc["undated-0", "date"] == ""


def test_parquet_and_json_keep_types(tmp_path):
    assert run(SEED_DIR, "--out", tmp_path / "e.parquet").returncode == 0
    frame = pd.read_parquet(tmp_path / "e.parquet")
    assert (frame["role"] == "primary").sum() == 5 and str(frame["date"].dtype).startswith("datetime64")
    assert list(frame.loc[0, "countries"])
    assert run(SEED_DIR, "--out", tmp_path / "e.json").returncode == 0
    records = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert isinstance(records[0]["countries"], list) and len(records[0]["date"]) == 10


def test_without_out_it_prints_the_table():
    result = run(SEED_DIR)
    assert result.returncode == 0
    assert "2018-07-10" in result.stdout and "event_id" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"), [(["no/such/folder"], "article folder not found"), ([SEED_DIR, "--out", "x.xlsx"], "unknown output format")]
)
def test_bad_arguments_are_clear_errors(args, message, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


FORMULAS = {"=": '=HYPERLINK("http://evil.example","Deal")', "+": "+1 Deal signed", "-": "-2 Deal signed", "@": "@SUM(A1) Deal"}


def formula_folder(folder):
    """Articles (four separate events) whose title and source start like spreadsheet formulas."""
    countries = ("Guatemala", "Honduras", "El Salvador", "Mexico")
    for number, (start, title) in enumerate(FORMULAS.items()):
        (folder / f"f{number}.txt").write_text(
            f"---\ntitle: '{title}'\nsource: '{start}Wire'\npublished: 20{number + 19}-0{number + 2}-1{number}\n---\n"
            f"WASHINGTON (Reuters) - {countries[number]} signed an asylum agreement with the United States on Friday.\n",
            encoding="utf-8",
        )
    return folder


def test_no_csv_cell_starts_like_a_formula(tmp_path):
    out = tmp_path / "events.csv"
    (tmp_path / "articles").mkdir()
    assert run(formula_folder(tmp_path / "articles"), "--out", out).returncode == 0
    with out.open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    for start, title in FORMULAS.items():
        assert f"'{title}" in cells and f"'{start}Wire" in cells


def test_a_failed_write_leaves_the_previous_output_whole(tmp_path, monkeypatch):
    out = tmp_path / "events.parquet"
    assert run(SEED_DIR, "--out", out).returncode == 0
    before = out.read_bytes()

    def half_then_fail(self, path, **kwargs):
        Path(path).write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", half_then_fail)
    with pytest.raises(OSError, match="No space left"):
        write_table(pd.read_parquet(out), out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"], "no temporary file left behind"


KILLED_WRITER = """
import sys, time
from pathlib import Path
from loaders.files import write_atomic

def slow(temporary):
    with Path(temporary).open("w") as handle:
        handle.write("half of the new table")
        handle.flush()
        print("writing", flush=True)
        time.sleep(60)

write_atomic(sys.argv[1], slow)
"""


def test_a_killed_write_leaves_the_previous_output_whole(tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("the previous table\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out)], stdout=subprocess.PIPE, text=True, env=env)
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert out.read_text(encoding="utf-8") == "the previous table\n"


def error_lines(result) -> list[str]:
    """What the command said on stderr besides its progress lines (drawn once a build lasts a second)."""
    return [line for line in result.stderr.splitlines() if not PROGRESS.fullmatch(line)]


def unwritable_folder(tmp_path):
    """A folder this process cannot write: read-only for an ordinary user; /sys (a read-only file system) for root."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize("name", ["events.csv", "events.parquet", "events.json"])
def test_an_unwritable_output_is_one_clear_line(tmp_path, name):
    out = unwritable_folder(tmp_path) / name
    result = run(SEED_DIR, "--out", out)
    assert result.returncode == 2
    assert error_lines(result) == [f"error: cannot write {out}: Permission denied"], result.stderr
    assert not out.exists()


def test_an_output_under_a_file_is_one_clear_line(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run(SEED_DIR, "--out", tmp_path / "file" / "events.csv")
    assert result.returncode == 2 and error_lines(result) == [
        f"error: cannot write {tmp_path / 'file' / 'events.csv'}: its folder is a file"
    ]


def test_a_file_with_an_unsupported_date_is_named(tmp_path):
    shutil.copy(SEED_DIR / "000_95cf9caf70308b62.txt", tmp_path)
    (tmp_path / "typo.txt").write_text("---\npublished: 9999-12-31\n---\nOfficials met on Tuesday.\n", encoding="utf-8")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: typo.txt: front matter 'published' 9999-12-31 is outside the supported years 1900–2100; ignored" in result.stdout
