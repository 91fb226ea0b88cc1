"""Tier 1: the dev/test runner says plainly what it cannot do, and reads Odoo's test report correctly."""
import importlib.util
from pathlib import Path

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
