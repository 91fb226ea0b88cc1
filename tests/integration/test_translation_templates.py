"""The committed .pot of each addon holds exactly the strings Odoo extracts from the installed addon."""
import io
from pathlib import Path

import polib

from odoo.tools.translate import trans_export

from common import IntegrationCase

ADDONS = Path(__file__).resolve().parents[2] / "addons"
SUITE = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting",
         "fami_outcomes", "fami_monitoring"]


class TestTranslationTemplates(IntegrationCase):
    def test_committed_templates_are_up_to_date(self):
        for addon in SUITE:
            with self.subTest(addon=addon):
                buffer = io.BytesIO()
                trans_export(False, [addon], buffer, "po", self.env.cr)
                exported = polib.pofile(buffer.getvalue().decode())
                committed = polib.pofile(str(ADDONS / addon / "i18n" / f"{addon}.pot"))
                fresh = {(entry.msgctxt, entry.msgid) for entry in exported}
                stored = {(entry.msgctxt, entry.msgid) for entry in committed if not entry.obsolete}
                self.assertFalse(fresh - stored, f"{addon}: missing from the .pot: {sorted(fresh - stored)[:5]}")
                self.assertFalse(stored - fresh, f"{addon}: stale in the .pot: {sorted(stored - fresh)[:5]}")
