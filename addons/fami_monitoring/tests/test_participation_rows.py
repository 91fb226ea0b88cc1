from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestParticipationRows(MonitoringCase):
    """The rows the participants section counts (fami.monitoring.participation) name a person and what they did: the
    staff of the organisation that ran the activity read them, managers and auditors read all; mediation hours, which
    name no organisation, only managers and auditors."""

    def test_each_organisation_reads_only_the_rows_of_its_own_activities(self):
        participation = self.env["fami.monitoring.participation"]
        rows = participation.search([("project_id", "=", self.project.id)])
        cidis = self.env.ref("fami_partners.demo_partner_cidis")
        self.assertTrue(rows.filtered(lambda row: row.kind == "mediation"), "the demo names people on mediation")
        self.assertTrue(rows.filtered(lambda row: row.organisation_id == cidis))
        for user in (self.clerk, self.mediator, self.trainer):
            with self.subTest(user=user.login):
                seen = participation.with_user(user).search([("project_id", "=", self.project.id)])
                theirs = rows.filtered(lambda row, u=user: row.organisation_id in u.fami_organisation_ids)
                self.assertEqual(seen, theirs)
                self.assertFalse(seen.filtered(lambda row: row.kind == "mediation"))
        for user in (self.manager, self.auditor):
            with self.subTest(user=user.login):
                self.assertEqual(participation.with_user(user).search([("project_id", "=", self.project.id)]), rows)
        # the trainer of Frontiera Lavoro teaches the Italian course of C.i.d.i.s., yet reads none of its rows: the
        # names stay with the organisation that took the people in charge
        self.assertNotIn(cidis, self.trainer.fami_organisation_ids)
        course_rows = rows.filtered(lambda row: row.organisation_id == cidis and row.kind == "course")
        self.assertTrue(course_rows)
        self.assert_refused(lambda: course_rows[:1].with_user(self.trainer).read(["beneficiary_id"]),
                            exception=AccessError)
