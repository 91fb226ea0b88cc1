from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import WorkflowCase


@tagged("post_install", "-at_install")
class TestDesignerInTheUI(WorkflowCase):
    """A "FAMI / Workflow designer" who is not an administrator designs workflows in Settings > FAMI > Workflows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.designer = new_test_user(cls.env, login="wf_designer",
                                     groups="base.group_user,fami_workflow.group_workflow_designer")

    def test_designer_reaches_settings_fami_workflows(self):
        menus = self.env["ir.ui.menu"].with_user(self.designer).load_web_menus(False)
        workflows = menus.get(self.env.ref("fami_workflow.menu_fami_workflow").id)
        self.assertTrue(workflows, "the designer does not see Settings > FAMI > Workflows")
        self.assertEqual(workflows["appID"], self.env.ref("base.menu_administration").id)
        self.assertEqual(workflows["actionID"], self.env.ref("fami_workflow.fami_workflow_action").id)
        # opening the Settings app lands on the workflows, not on a page the designer cannot use
        settings = menus[self.env.ref("base.menu_administration").id]
        self.assertEqual(settings["actionID"], self.env.ref("fami_workflow.fami_workflow_action").id)
        # administrators still land on the general settings
        admin_menus = self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin")).load_web_menus(False)
        self.assertEqual(admin_menus[settings["id"]]["actionID"],
                         self.env.ref("base_setup.action_general_configuration").id)

    def test_designer_can_pick_the_model_fields_and_server_actions(self):
        """The selectors of the form (governed model, required and editable fields, server actions) and the tags
        that show them read technical models an ordinary user cannot read."""
        stamp = self.env["ir.actions.server"].create({
            "name": "Stamp the record", "model_id": self.model.id, "state": "code", "code": "pass"})
        reference = self.env["ir.model.fields"]._get("fami.workflow.tester", "reference")
        self.transition("approve").server_action_ids = stamp
        env = self.env(user=self.designer)
        self.assertIn(self.model.id, [found[0] for found in env["ir.model"].name_search(
            "FAMI workflow tester", [("field_id.name", "=", "workflow_state_id")])])
        self.assertIn(reference.id, [found[0] for found in env["ir.model.fields"].name_search(
            "Reference", [("model_id", "=", self.model.id)])])
        self.assertIn(stamp.id, [found[0] for found in env["ir.actions.server"].name_search(
            "Stamp", [("model_id", "=", self.model.id)])])
        tags = {"fields": {"display_name": {}}}
        [values] = env["fami.workflow"].browse(self.workflow.id).web_read({
            "model_id": tags, "state_ids": {"fields": {"editable_field_ids": tags}},
            "transition_ids": {"fields": {"server_action_ids": tags, "required_field_ids": tags}}})
        self.assertEqual(values["model_id"]["display_name"], self.model.display_name)
        self.assertIn({"id": stamp.id, "display_name": "Stamp the record"},
                      [action for transition in values["transition_ids"] for action in transition["server_action_ids"]])
        # reading is all: the technical models stay closed to changes
        with self.assertRaises(AccessError):
            env["ir.actions.server"].browse(stamp.id).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            env["ir.model.fields"].browse(reference.id).write({"field_description": "Renamed"})

    def test_designer_adds_a_state_in_the_form_and_it_takes_effect_without_upgrade(self):
        stamp = self.env["ir.actions.server"].create({
            "name": "Stamp", "model_id": self.model.id, "state": "code",
            "code": "record.message_post(body='Stamped by the server action')"})
        self.transition("approve").server_action_ids = stamp
        record = self.new_record()
        record.workflow_fire("submit")
        workflow = self.workflow.with_user(self.designer)
        workflow.action_archive()  # the Archive menu of the form: the definition is checked on reactivation
        with Form(workflow) as form:
            with form.state_ids.new() as state:
                state.code = "checked"
                state.name = "Checked"
                state.sequence = 3
        checked = self.state("checked")
        self.assertTrue(checked)
        with Form(workflow) as form:
            with form.transition_ids.new() as transition:
                transition.code = "check"
                transition.name = "Check"
                transition.state_from_id = self.state("submitted")
                transition.state_to_id = checked
            approve = self.workflow.transition_ids.sorted().ids.index(self.transition("approve").id)
            with form.transition_ids.edit(approve) as transition:
                self.assertEqual(transition.server_action_ids[:], stamp)  # the designer reads the server actions
                transition.state_from_id = checked
        workflow.action_unarchive()
        self.assertTrue(self.workflow.active)
        form_arch = self.env["fami.workflow.tester"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('data-workflow-transition="check"', form_arch)
        self.assertEqual(record.with_user(self.employee).workflow_transition_codes, ",check,")
        record.with_user(self.employee).workflow_fire("check")
        self.assertEqual(record.workflow_state_code, "checked")
        record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")
        self.assertIn("Stamped by the server action", "".join(record.message_ids.mapped("body")))

    def test_designer_cannot_leave_an_inconsistent_definition_active(self):
        workflow = self.workflow.with_user(self.designer)
        with self.assertRaises(ValidationError) as refused, Form(workflow) as form:  # rolled back, as a request
            with form.state_ids.new() as state:
                state.code = "limbo"
                state.name = "Limbo"
        self.assertIn("no transition leads to the state(s) Limbo", str(refused.exception))
        self.assertFalse(self.env["fami.workflow.state"].search([("workflow_id", "=", self.workflow.id),
                                                                  ("code", "=", "limbo")]))
