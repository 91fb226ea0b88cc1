import importlib.util
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from odoo.addons.fami_workflow.tests.shipped_common import ShippedWorkflowCase
from odoo.addons.fami_workflow.upgrade import shipped_separations

VERSION = "18.0.1.1.0"


@tagged("post_install", "-at_install")
class TestUpgradeKeepsFourEyes(ShippedWorkflowCase):
    """A database installed before the shipped workflows kept the sender apart from the checker (their data is
    noupdate) and upgraded with -u: each installed addon's migration script sets the separation its data files
    ship, and leaves alone a transition whose separation an administrator set differently. As the demo users."""

    def migration_scripts(self):
        modules = self.env["ir.module.module"].search([("name", "=like", "fami_%"), ("state", "=", "installed")])
        scripts = {}
        for module in modules.mapped("name"):
            path = Path(get_module_path(module)) / "migrations" / VERSION / "post-migrate.py"
            if path.exists():
                spec = importlib.util.spec_from_file_location(f"{module}_post_migrate_{VERSION}", path)
                scripts[module] = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(scripts[module])
        return scripts

    def separation(self, transition):
        return set(transition.separate_from_ids.get_external_id().values())

    def test_the_migration_scripts_set_the_shipped_separation_again(self):
        scripts = self.migration_scripts()
        self.assertLessEqual({"fami_activities", "fami_reporting", "fami_outcomes", "fami_monitoring"}, set(scripts))
        shipped = {xmlid: set(earlier) for module in scripts for xmlid, earlier in shipped_separations(module).items()}
        self.assertIn("fami_monitoring.workflow_monitoring_report_tr_check_submitted", shipped)
        transitions = self.env["fami.workflow.transition"].browse(
            [self.env.ref(xmlid).id for xmlid in shipped if self.env.ref(xmlid, raise_if_not_found=False)])
        self.assertEqual(len(transitions), len(shipped), "the demo is installed: every shipped transition exists")
        # the database before the upgrade; its administrator kept expense approval apart from checking instead
        transitions.separate_from_ids = False
        customised = self.env.ref("fami_reporting.workflow_expense_tr_approve_checked")
        customised.separate_from_ids = self.env.ref("fami_reporting.workflow_expense_tr_check_submitted")
        for module, script in scripts.items():
            script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        for transition in transitions - customised:
            xmlid = transition.get_external_id()[transition.id]
            self.assertEqual(self.separation(transition), shipped[xmlid], xmlid)
        self.assertEqual(self.separation(customised), {"fami_reporting.workflow_expense_tr_check_submitted"})
        # four eyes again: the manager who submits a monitoring return does not check it, a colleague does
        report = self.env["fami.monitoring.report"].search([("project_id", "=", self.project.id),
                                                            ("workflow_state_code", "=", "draft")],
                                                           order="date_from", limit=1)
        self.assert_sender_cannot(report, "submit", "check", self.manager, self.colleague_of(self.manager, "resp_2"))
