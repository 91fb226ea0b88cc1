from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib.shipped_separation import separations_in_xml
from ..upgrade import restore_shipped_separation
from .common import WorkflowCase

MODULE = "fami_shipped_tester"


@tagged("post_install", "-at_install")
class TestUpgradeRestoresSeparation(WorkflowCase):
    """Shipped workflows are noupdate data: a database installed before a workflow gained its separation of duties
    (four eyes) gets it from the addon's migration script (fami_workflow/upgrade.py), which reads the separation
    from the data file and sets it only where the transition has none yet."""

    def setUp(self):
        super().setUp()
        self.submit, self.approve, self.reject = (self.transition(code) for code in ("submit", "approve", "reject"))
        self.submit.group_ids = self.approvers  # managers may submit as well as approve: what four eyes is about
        # the data file of the addon, as the designer exported it with the separation on
        self.approve.separate_from_ids = self.submit
        self.separations = separations_in_xml(self.workflow._export_xml(), MODULE)
        for transition in self.workflow.transition_ids:
            self.env["ir.model.data"].create({
                "module": MODULE, "name": f"workflow_tester_approval_tr_{transition.code}_"
                                          f"{transition.state_from_id.code}",
                "model": transition._name, "res_id": transition.id})
        # the database installed before the separation was shipped
        self.approve.separate_from_ids = False

    def submitted_by_manager(self):
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        return record

    def test_the_data_file_names_the_separation(self):
        self.assertEqual(self.separations, {
            f"{MODULE}.workflow_tester_approval_tr_approve_submitted": (
                f"{MODULE}.workflow_tester_approval_tr_submit_draft",)})

    def test_an_upgraded_database_gets_four_eyes(self):
        """Before the migration the manager who submitted a record approved it too."""
        self.submitted_by_manager().with_user(self.manager).workflow_fire("approve")
        self.assertEqual(restore_shipped_separation(self.env, MODULE, self.separations), self.approve)
        self.assertEqual(self.approve.separate_from_ids, self.submit)
        record = self.submitted_by_manager()
        with self.assertRaisesRegex(UserError, "Four eyes"):
            record.with_user(self.manager).workflow_fire("approve")
        record.with_user(self.manager_2).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")
        self.assertFalse(restore_shipped_separation(self.env, MODULE, self.separations), "run twice: nothing to do")

    def test_a_separation_the_administrator_set_is_left_alone(self):
        self.approve.separate_from_ids = self.reject
        self.assertFalse(restore_shipped_separation(self.env, MODULE, self.separations))
        self.assertEqual(self.approve.separate_from_ids, self.reject)

    def test_a_transition_deleted_or_renamed_is_skipped(self):
        self.env["ir.model.data"].search([("module", "=", MODULE), ("name", "like", "_tr_submit_")]).unlink()
        self.assertFalse(restore_shipped_separation(self.env, MODULE, self.separations))
        self.assertFalse(self.approve.separate_from_ids)
        self.env["ir.model.data"].search([("module", "=", MODULE)]).unlink()
        self.assertFalse(restore_shipped_separation(self.env, MODULE, self.separations))
