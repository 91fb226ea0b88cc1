"""Tier 1: the dev/test runner says plainly what it cannot do, and reads Odoo's test report correctly."""
import argparse
import importlib.util
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("devctl", ROOT / "tools" / "devctl.py")
devctl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(devctl)


def test_without_odoo_tier2_is_reported_not_run_with_its_test_count(monkeypatch, capsys):
    monkeypatch.setattr(devctl, "odoo_version", lambda: None)
    monkeypatch.setenv("FAMI_NO_ODOO_INSTALL", "1")
    assert devctl.run_tier2(devctl.SUITE) is None
    out = capsys.readouterr().out
    assert f"tier 2 not run: Odoo 18 not importable ({devctl.count_tier2_tests()} tier-2 tests not run)" in out


def test_without_odoo_the_run_command_ends_in_one_sentence(monkeypatch, capsys):
    monkeypatch.setattr(devctl, "odoo_version", lambda: None)
    monkeypatch.setenv("FAMI_NO_ODOO_INSTALL", "1")
    monkeypatch.setattr("sys.argv", ["devctl.py", "run"])
    assert devctl.main() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("[fami] Odoo 18 is not installed")


def test_count_of_tier2_tests_matches_the_test_methods():
    texts = [path.read_text(encoding="utf-8") for path in [*(ROOT / "addons").glob("*/tests/test_*.py"),
                                                            *(ROOT / "tests" / "integration").glob("test_*.py")]]
    expected = sum(text.count("\n    def test_") + text.count("\ndef test_") for text in texts)
    assert devctl.count_tier2_tests() == expected


def log(level, message, db="fami_test_1", logger="odoo.modules.loading"):
    return f"2026-11-25 06:46:28,849 5612 {level} {db} {logger}: {message}\n"


def test_outcome_counts_odoo_report():
    lines = [log("INFO", "loading"), log("INFO", "2 failed, 1 error(s) of 10 tests when loading database 'x'",
                                         logger="odoo.tests.result")]
    assert devctl.tier2_outcome(lines, 1) == (7, 3)


def test_outcome_of_a_clean_run():
    lines = [log("INFO", "0 failed, 0 error(s) of 4 tests when loading database 'fami_test_1'")]
    assert devctl.tier2_outcome(lines, 0) == (4, 0)


def test_outcome_fails_on_a_warning_about_the_suite_but_not_on_others():
    report = log("INFO", "0 failed, 0 error(s) of 4 tests when loading database 'fami_test_1'")
    ours = log("WARNING", "Field fami.course.name: unknown parameter 'tracking'", logger="odoo.fields")
    theirs = log("WARNING", "unaccent not available", logger="odoo.modules.registry")
    assert devctl.tier2_outcome([theirs, report], 0) == (4, 0)
    assert devctl.tier2_outcome([ours, report], 0) == (4, 1)
    assert devctl.tier2_outcome([log("ERROR", "boom", logger="odoo.sql_db"), report], 0) == (4, 1)


def test_a_skipped_test_counts_as_failed_not_passed():
    report = log("INFO", "0 failed, 0 error(s) of 4 tests when loading database 'fami_test_1'")
    skipped = log("INFO", "skipped test_trainer_tour (TestActivityTours.test_trainer_tour) : Chrome not found",
                  logger="odoo.addons.fami_activities.tests.test_tours")
    assert devctl.tier2_outcome([skipped, report], 0) == (3, 1)


def test_outcome_ignores_the_browser_idle_connection_timeout_only():
    report = log("INFO", "0 failed, 0 error(s) of 4 tests when loading database 'fami_test_1'")
    idle = log("ERROR", "127.0.0.1 - - [25/Nov/2026 10:16:08] Request timed out: TimeoutError('timed out') - - -",
               db="?", logger="werkzeug")
    assert devctl.tier2_outcome([idle, report], 0) == (4, 0)
    assert devctl.tier2_outcome([log("ERROR", "Exception on /odoo", logger="werkzeug"), report], 0) == (4, 1)


# ---------------------------------------------------------------- Odoo from a source archive, and CI's rule

def odoo_tree(folder, major=18):
    (folder / "odoo").mkdir(parents=True)
    (folder / "odoo" / "release.py").write_text(f"version_info = ({major}, 0, 0, FINAL, 0, '')\n")
    (folder / "requirements.txt").write_text("psycopg2==2.9.9 ; python_version >= '3.12'\n")
    return folder


@pytest.fixture()
def no_odoo(monkeypatch, tmp_path):
    """A machine whose Python cannot import Odoo, with the project's .local/ in a temporary folder."""
    monkeypatch.setattr(devctl, "odoo_version", lambda: None)
    monkeypatch.setattr(devctl, "LOCAL", tmp_path / "local")
    monkeypatch.setattr(devctl, "ODOO_UNPACKED", tmp_path / "local" / "odoo-src")
    monkeypatch.setattr(devctl, "run_tier1", lambda: (5, 0))
    monkeypatch.delenv("FAMI_NO_ODOO_INSTALL", raising=False)
    (tmp_path / "local").mkdir()
    return tmp_path


def broken_archives(folder):
    tree = odoo_tree(folder / "tree")
    complete = folder / "odoo.tar.xz"
    with tarfile.open(complete, "w:xz") as archive:
        archive.add(tree, arcname="odoo-18.0")
    truncated = folder / "truncated.tar.xz"
    truncated.write_bytes(complete.read_bytes()[:len(complete.read_bytes()) // 2])
    garbage = folder / "garbage.tar.xz"
    garbage.write_bytes(b"this is no archive")
    return {"truncated": truncated, "garbage": garbage}


@pytest.mark.parametrize("kind", ["truncated", "garbage"])
def test_on_ci_a_tier_2_that_could_not_run_from_the_given_source_fails_in_one_sentence(no_odoo, monkeypatch,
                                                                                       capsys, kind):
    archive = broken_archives(no_odoo)[kind]
    monkeypatch.setenv("FAMI_ODOO_SOURCE", str(archive))
    monkeypatch.setenv("CI", "true")
    assert devctl.test(argparse.Namespace(tier1_only=False, modules=[])) == 1
    out = capsys.readouterr().out
    assert f"{archive} could not be unpacked" in out or f"{archive} is not a tar.xz, tar.gz or zip archive" in out
    assert "tier 2 not run: Odoo 18 not importable" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("[fami] tier 2 did not run although CI gave an Odoo source") and last.count(". ") == 0


def test_without_ci_the_same_run_passes_on_tier_1_and_says_tier_2_was_not_run(no_odoo, monkeypatch, capsys):
    monkeypatch.setenv("FAMI_ODOO_SOURCE", str(broken_archives(no_odoo)["garbage"]))
    monkeypatch.delenv("CI", raising=False)
    assert devctl.test(argparse.Namespace(tier1_only=False, modules=[])) == 0
    out = capsys.readouterr().out
    assert "tier 2 not run: Odoo 18 not importable" in out and out.strip().endswith("total: 5 passed, 0 failed")


def test_a_source_archive_is_unpacked_once_and_its_odoo_tree_found(no_odoo, monkeypatch):
    tree = odoo_tree(no_odoo / "tree")
    archive = no_odoo / "odoo_18.0.latest.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree, arcname="odoo-18.0.post20241201")
    found = devctl.odoo_source_tree(str(archive))
    assert (found / "odoo" / "release.py").is_file() and found.name == "odoo-18.0.post20241201"

    def no_second_unpack(*_args, **_kwargs):
        raise AssertionError("unpacked twice")
    monkeypatch.setattr(tarfile, "open", no_second_unpack)
    assert devctl.odoo_source_tree(str(archive)) == found


def test_a_source_folder_is_used_in_place_and_another_version_refused(no_odoo):
    assert devctl.odoo_source_tree(str(odoo_tree(no_odoo / "odoo18"))) == (no_odoo / "odoo18").resolve()
    with pytest.raises(devctl.SetupError, match="holds Odoo 17, not 18"):
        devctl.odoo_source_tree(str(odoo_tree(no_odoo / "odoo17", major=17)))
    with pytest.raises(devctl.SetupError, match="does not exist"):
        devctl.odoo_source_tree(str(no_odoo / "nowhere.tar.xz"))


def test_odoo_requirements_become_the_python_3_12_wheels_without_ldap():
    text = ("# comment\nBabel==2.9.1 ; python_version < '3.11'  # old\nBabel==2.10.3 ; python_version >= '3.11'\n"
            "gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10' and python_version < '3.12'\n"
            "gevent==24.2.1 ; sys_platform != 'win32' and python_version >= '3.12'  # (Noble)\n"
            "psycopg2==2.9.9 ; python_version >= '3.12'\npython-ldap==3.4.4 ; sys_platform != 'win32'\n"
            "pypiwin32 ; sys_platform == 'win32'\npytz  # no pin\n")
    assert devctl.wheel_requirements(text).split() == ["Babel==2.10.3", "gevent==24.2.1", "psycopg2-binary==2.9.9",
                                                       "pytz"]


def test_a_process_that_leaves_a_child_holding_its_output_does_not_keep_the_run_waiting(tmp_path):
    # the CI hang: Odoo exited, a browser it started kept the output pipe open, the runner waited for ever
    started = time.monotonic()
    returncode, lines = devctl.run_to_log(["sh", "-c", "sleep 300 & echo '1 failed, 0 error(s) of 9 tests'"],
                                          tmp_path / "run.log", timeout=60)
    assert time.monotonic() - started < 30
    assert returncode == 0 and lines == ["1 failed, 0 error(s) of 9 tests\n"]


def test_a_process_past_its_time_is_ended_and_reported_as_failed(tmp_path, capsys):
    returncode, lines = devctl.run_to_log(["sh", "-c", "echo started; sleep 300"], tmp_path / "run.log", timeout=2)
    assert returncode == 124 and lines == ["started\n"]
    assert "stopped after 0 minutes, unfinished: sh" in capsys.readouterr().out


def test_a_process_that_reported_and_then_hangs_is_ended_as_done(tmp_path, monkeypatch):
    monkeypatch.setattr(devctl.time, "monotonic", iter(range(0, 10**6, 30)).__next__)  # 30 s pass per look
    returncode, lines = devctl.run_to_log(["sh", "-c", "echo 'tests when loading database'; sleep 300"],
                                          tmp_path / "run.log", timeout=3000, last_line="tests when loading")
    assert returncode == 0 and lines == ["tests when loading database\n"]
