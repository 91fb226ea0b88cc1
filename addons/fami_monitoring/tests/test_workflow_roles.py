from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestWorkflowAndRoles(MonitoringCase):
    """The lead partner's staff prepare a return, a manager of the lead partner other than who submitted it checks it,
    a manager sends it; the staff of the other partners read it, auditors read all, outsiders see nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second_manager = new_test_user(cls.env, "mon_manager_2", name="Secondo Responsabile",
                                           groups="fami_partners.group_fami_manager")
        cls.cidis_manager = new_test_user(cls.env, "mon_manager_cidis", name="Responsabile Cidis",
                                          groups="fami_partners.group_fami_manager")
        cls.env.ref("fami_partners.demo_link_regione_umbria").user_ids = [Command.link(cls.second_manager.id)]
        cls.env.ref("fami_partners.demo_link_cidis").user_ids = [Command.link(cls.cidis_manager.id)]
        outsider_org = cls.env["res.partner"].create({"name": "Ente estraneo", "is_company": True})
        other = cls.env["fami.project"].create({"name": "Altro progetto", "date_start": "2026-01-01",
                                                "date_end": "2027-12-31"})
        cls.env["fami.project.partner"].create({"project_id": other.id, "partner_id": outsider_org.id,
                                                "role": "lead"})
        cls.outsider = new_test_user(cls.env, "mon_outsider", groups="fami_partners.group_fami_admin_staff")
        other.partner_ids.user_ids = [Command.link(cls.outsider.id)]

    def test_who_reads_and_who_prepares(self):
        report = self.q3
        for user in (self.clerk, self.trainer, self.mediator, self.auditor, self.lead_clerk, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(report.with_user(user).search([("id", "=", report.id)]), report)
                self.assertTrue(report.with_user(user).name)
        self.assertFalse(report.with_user(self.outsider).search([("project_id", "=", self.project.id)]))
        self.assert_refused(lambda: report.with_user(self.outsider).read(["name"]), exception=AccessError)
        for user in (self.clerk, self.trainer, self.auditor, self.outsider):
            with self.subTest(user=user.login):
                self.assert_refused(lambda u=user: report.with_user(u).write({"note": "<p>x</p>"}),
                                    exception=AccessError)
                self.assert_refused(lambda u=user: report.with_user(u).action_compute(), exception=AccessError)
                self.assert_refused(lambda u=user: report.with_user(u).workflow_fire("submit"),
                                    exception=AccessError)
        # the lead's staff compute and write the texts, never the figures
        report.with_user(self.lead_clerk).action_compute()
        line = report.work_package_ids.filtered("action_id")[:1].with_user(self.lead_clerk)
        line.write({"strengths": "Buona collaborazione con la rete"})
        self.assert_refused(lambda: line.write({"sessions": 99}), "Compute", exception=UserError)
        self.assert_refused(lambda: report.with_user(self.lead_clerk).write({"incurred_period": 1}), "Compute",
                            exception=UserError)
        self.assert_refused(lambda: self.env["fami.monitoring.work.package"].with_user(self.lead_clerk).create({
            "report_id": report.id, "sessions": 5}), exception=UserError)
        # a partner's manager reads and may change the return, but checking it is the lead partner's
        self.assertEqual(report.with_user(self.cidis_manager).name, report.name)

    def test_the_lead_checks_what_another_submitted_and_a_manager_sends_it(self):
        report = self.q3
        report.with_user(self.lead_clerk).workflow_fire("submit")
        self.assertEqual(report.workflow_state_code, "submitted")
        self.assertTrue(report.computed_on, "submitting computes the figures the checker sees")
        self.assert_refused(lambda: report.with_user(self.lead_clerk).write({"note": "<p>x</p>"}), "locked")
        self.assert_refused(lambda: report.with_user(self.lead_clerk).workflow_fire("check"), exception=AccessError)
        self.assert_refused(lambda: report.with_user(self.cidis_manager).workflow_fire("check"), "lead partner")
        report.with_user(self.manager).workflow_fire("check")
        self.assertEqual(report.workflow_state_code, "checked")
        report.with_user(self.manager).workflow_fire("send")
        self.assertEqual(report.workflow_state_code, "sent")
        version = report.version_ids
        self.assertEqual((len(version), version.user_id), (1, self.manager))
        self.assertTrue(version.xlsx_file and version.publication_file and version.pdf_file)
        self.assertTrue(version.pdf_filename.startswith("monitoraggio-PROG-0000-DEMO-"))
        self.assertEqual(report.deadline_id.state, "done", "the return sent closes its deadline")
        self.assertIn("kept with its files", report.message_ids[0].body + "".join(report.message_ids.mapped("body")))

    def test_whoever_submitted_does_not_check(self):
        report = self.q3
        report.with_user(self.second_manager).workflow_fire("submit")
        self.assert_refused(lambda: report.with_user(self.second_manager).workflow_fire("check"),
                            "yourself, so you cannot also do “Check”", exception=UserError)
        report.with_user(self.manager).workflow_fire("check")
        self.assertEqual(report.workflow_state_code, "checked")
        report.with_user(self.manager).workflow_fire("reopen", comment="Mancano le criticità del WP2")
        self.assertEqual(report.workflow_state_code, "draft")
        self.assertFalse(report.version_ids, "nothing was sent")

    def test_a_sent_return_cannot_be_sent_twice_nor_checked_by_its_sender(self):
        report = self.q3
        report.with_user(self.lead_clerk).workflow_fire("submit")
        self.assert_refused(lambda: report.with_user(self.manager).workflow_fire("send"), "not available",
                            exception=UserError)
