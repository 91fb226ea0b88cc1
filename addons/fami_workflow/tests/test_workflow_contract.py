from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.fami_workflow.lib.ui_governance import UI_FIELDS

from .guard_common import GuardCase


@tagged("post_install", "-at_install")
class TestWorkflowCodeContract(GuardCase):
    """The tester's code relies on the states draft and approved and the transitions submit and approve
    (`_workflow_required_states` / `_workflow_required_transitions`): a designer cannot take them away."""

    def index(self, lines, record):
        return lines.sorted().ids.index(record.id)

    def state(self, code, workflow=None):
        return (workflow or self.workflow).state_ids.filtered(lambda s: s.code == code)

    def transition(self, code, workflow=None):
        return (workflow or self.workflow).transition_ids.filtered(lambda t: t.code == code)

    def test_renaming_a_state_code_the_code_relies_on_is_refused_in_the_form(self):
        workflow = self.workflow.with_user(self.designer)
        with self.assertRaises(ValidationError) as refused, Form(workflow) as form:
            with form.state_ids.edit(self.index(workflow.state_ids, self.state("approved"))) as state:
                state.code = "accepted"
        message = str(refused.exception)
        for word in ("approved", "Guard tester approval", "FAMI input guard tester", "fami_workflow"):
            self.assertIn(word, message)
        self.assertEqual(self.state("approved").name, "Approved")

    def test_deleting_a_transition_the_code_relies_on_is_refused(self):
        with self.assertRaises(ValidationError) as refused:
            self.transition("approve").with_user(self.designer).unlink()
        self.assertIn("approve", str(refused.exception))
        self.assertIn("FAMI input guard tester", str(refused.exception))
        with self.assertRaises(ValidationError):
            self.transition("submit").with_user(self.designer).write({"code": "send"})

    def test_other_codes_labels_and_rules_stay_free(self):
        workflow = self.workflow.with_user(self.designer)
        with Form(workflow) as form:
            with form.state_ids.edit(self.index(workflow.state_ids, self.state("submitted"))) as state:
                state.code = "in_review"
                state.name = "In review"
            with form.transition_ids.edit(self.index(workflow.transition_ids, self.transition("approve"))) as line:
                line.name = "Approve (two signatures)"
                line.approvals_required = 2
        self.transition("reject").with_user(self.designer).unlink()
        self.assertEqual(self.workflow.state_ids.mapped("code"), ["draft", "in_review", "approved"])
        self.assertEqual(self.transition("approve").approvals_required, 2)

    def test_an_archived_workflow_is_checked_when_it_is_reactivated_unless_it_governs_records(self):
        draft = self.make_workflow("Draft redesign", domain="[('name', '=', 'nobody')]", sequence=20)
        draft.with_user(self.designer).action_archive()
        self.transition("approve", draft).with_user(self.designer).unlink()  # free while archived and empty
        with self.assertRaises(ValidationError):
            draft.with_user(self.designer).action_unarchive()
        # archived with records: their codes are counted by the model's code, so the contract holds
        self.new_record()
        self.workflow.with_user(self.designer).action_archive()
        with self.assertRaises(ValidationError):
            self.state("approved").with_user(self.designer).write({"code": "accepted"})

    def test_a_workflow_in_use_keeps_its_model(self):
        partner_model = self.env["ir.model"]._get("fami.workflow.log")
        with self.assertRaises(ValidationError) as refused:
            self.workflow.with_user(self.designer).write({"model_id": partner_model.id})
        self.assertIn("Governed model cannot change", str(refused.exception))

    def test_the_last_active_workflow_cannot_be_deleted_but_a_second_one_can(self):
        with self.assertRaises(ValidationError) as refused:
            self.workflow.with_user(self.designer).unlink()
        self.assertIn("last active workflow", str(refused.exception))
        second = self.make_workflow("Large amounts", domain="[('amount', '>', 5000)]", sequence=5)
        second.with_user(self.designer).unlink()
        self.assertFalse(second.exists())
        self.assertTrue(self.workflow.exists())

    def test_the_shipped_workflows_keep_every_code_their_models_rely_on(self):
        """With the suite installed: each governed model with a shipped workflow declares the codes its code relies
        on, and the workflows honour them (a workflow of the fami_workflow-only run is the tester's). Models governed
        from the UI (the demo's contacts and events) have no code relying on codes: nothing to declare."""
        workflows = self.env["fami.workflow"].with_context(active_test=False).search([])
        for workflow in workflows:
            with self.subTest(workflow=workflow.name):
                xmlid = workflow.get_external_id().get(workflow.id, "")
                if xmlid.startswith("fami_") and workflow._record_fields() != UI_FIELDS:
                    self.assertTrue(workflow._required_codes(), f"{workflow.model} declares no workflow codes")
                workflow._check_code_contract()
