"""Tier 1: every addon ships an Italian translation that covers its whole template, and no stale entry."""
from pathlib import Path

import polib
import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"
ADDON_NAMES = sorted(path.parent.name for path in ADDONS.glob("*/__manifest__.py"))


def msgids(catalog):
    return {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_italian_translation_is_complete_and_not_stale(addon):
    template_path = ADDONS / addon / "i18n" / f"{addon}.pot"
    italian_path = ADDONS / addon / "i18n" / "it.po"
    assert template_path.exists(), f"{addon}: i18n/{addon}.pot is missing (export it with Odoo)"
    assert italian_path.exists(), f"{addon}: i18n/it.po is missing"
    template, italian = polib.pofile(str(template_path)), polib.pofile(str(italian_path))
    missing = msgids(template) - msgids(italian)
    stale = msgids(italian) - msgids(template)
    untranslated = [entry.msgid for entry in italian if not entry.obsolete and not entry.msgstr]
    assert not missing, f"{addon}: {len(missing)} strings of the .pot are not in it.po, e.g. {sorted(missing)[:3]}"
    assert not stale, f"{addon}: {len(stale)} strings of it.po are no longer in the .pot, e.g. {sorted(stale)[:3]}"
    assert not untranslated, f"{addon}: {len(untranslated)} strings without Italian, e.g. {untranslated[:3]}"
