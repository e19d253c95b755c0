"""python -m loaders DIR --out FILE: a summary line, one line per file skipped or warned about, the table written."""

import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from loaders.schema import COLUMNS
from tests.conftest import ROOT, SEED_DIR


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
