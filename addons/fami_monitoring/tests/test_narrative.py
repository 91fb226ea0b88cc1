from odoo.tests import tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestNarrativeReport(MonitoringCase):
    """The interim report is assembled from the quarterly returns of its period, then edited and printed."""

    def test_the_interim_report_is_assembled_edited_and_printed(self):
        self.q2.with_user(self.lead_clerk).action_compute()
        narrative = self.env["fami.monitoring.narrative"].with_user(self.lead_clerk).create({
            "name": "Relazione intermedia", "project_id": self.project.id, "date_from": self.q1.date_from,
            "date_to": self.q2.date_to})
        narrative.action_assemble()
        self.assertEqual(narrative.report_ids, self.q1 | self.q2)
        self.assertIn("Italiano L2 - livello A2", narrative.work_packages)
        self.assertIn(str(self.q2.participants_cumulative), narrative.participants)
        self.assertIn("OS1_COURSES", narrative.indicators)
        narrative.write({"introduction": "<p>Il progetto nel primo semestre.</p>"})
        narrative.action_assemble()
        self.assertIn("primo semestre", narrative.introduction, "assembling again keeps what was written")
        html = self.env["ir.actions.report"]._render_qweb_html("fami_monitoring.action_report_narrative",
                                                               narrative.ids)[0].decode().replace("&#39;", "'")
        for text in ("Relazione intermedia", "Cofinanziato dall'Unione europea", "Autorità di Gestione",
                     self.project.cup, "Il progetto nel primo semestre."):
            self.assertIn(text, html)

    def test_nothing_to_assemble_is_said(self):
        narrative = self.env["fami.monitoring.narrative"].create({
            "name": "Relazione vuota", "project_id": self.project.id, "date_from": "2029-01-01",
            "date_to": "2029-06-30"})
        self.assert_refused(narrative.action_assemble, "compute the quarterly returns first")
