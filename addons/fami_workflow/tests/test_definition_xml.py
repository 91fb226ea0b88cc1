import io

from lxml import etree

from odoo.tests import new_test_user, tagged
from odoo.tools import convert_xml_import

from .common import WorkflowCase


@tagged("post_install", "-at_install")
class TestDefinitionAsXmlData(WorkflowCase):
    """A workflow designed in one database exports as Odoo XML data that an addon ships to another."""

    def setUp(self):
        super().setUp()
        self.stamp = self.env["ir.actions.server"].create({  # built in the UI: no external id
            "name": "Post the approval", "model_id": self.model.id, "state": "code",
            "code": "record.message_post(body='Approval posted by the server action')"})
        approve = self.transition("approve")
        approve.write({"server_action_ids": [(6, 0, self.stamp.ids)], "user_ids": [(6, 0, self.manager.ids)],
                       "approvals_required": 2, "button_type": "danger"})
        self.state("approved").editable_field_ids = self.env["ir.model.fields"]._get("fami.workflow.tester", "note")
        self.state("submitted").deadline_days = 4
        self.workflow.escalation_user_id = self.env.ref("base.user_admin")

    def load(self, xml, module="fami_workflow_shipped"):
        """What installing an addon with the file in its `data` does (Odoo's XML data loader)."""
        data = io.BytesIO(xml)
        data.name = "exported_workflow.xml"
        convert_xml_import(self.env, module, data)

    @staticmethod
    def signature(workflow):
        states = [(s.code, s.name, s.sequence, s.is_initial, s.is_final, s.locked, s.fold, s.deadline_days,
                   tuple(s.editable_field_ids.mapped("name"))) for s in workflow.state_ids]
        transitions = [(t.code, t.name, t.sequence, t.state_from_id.code, t.state_to_id.code, t.group_ids, t.user_ids,
                        t.domain, tuple(t.required_field_ids.mapped("name")), t.comment_required,
                        t.approvals_required, t.notify, t.activity_deadline_days, t.server_action_ids, t.button_type)
                       for t in workflow.transition_ids]
        return (workflow.name, workflow.model, workflow.domain, workflow.escalation_user_id, states, transitions)

    def test_export_is_xml_data_with_local_external_ids(self):
        tree = etree.fromstring(self.workflow._export_xml())
        self.assertEqual(tree.tag, "odoo")
        self.assertEqual(tree.xpath("//record/@id")[:4], [
            "workflow_tester_approval", "workflow_tester_approval_state_draft",
            "workflow_tester_approval_state_submitted", "workflow_tester_approval_state_approved"])
        approve = tree.xpath("//record[@id='workflow_tester_approval_tr_approve_submitted']")[0]
        self.assertEqual(approve.xpath("field[@name='state_to_id']/@ref"), ["workflow_tester_approval_state_approved"])
        self.assertEqual(approve.xpath("field[@name='approvals_required']/@eval"), ["2"])
        # records without an external id are found by what identifies them in any database
        self.assertEqual(approve.xpath("field[@name='user_ids']/@search"), ["[('login', 'in', ['wf_manager'])]"])
        self.assertIn("Post the approval", approve.xpath("field[@name='server_action_ids']/@search")[0])
        self.assertIn("Server actions to run after the move: Post the approval must exist in the database",
                      " ".join(comment.text for comment in approve.iter(etree.Comment)))
        escalation = tree.xpath("//record[@id='workflow_tester_approval']/field[@name='escalation_user_id']/@ref")
        self.assertEqual(escalation, ["base.user_admin"])

    def test_exported_definition_loads_as_addon_data_and_drives_records(self):
        xml = self.workflow._export_xml()
        original = self.signature(self.workflow)
        self.workflow.active = False  # the shipped copy takes over the model
        self.load(xml)
        shipped = self.env.ref("fami_workflow_shipped.workflow_tester_approval")
        self.assertNotEqual(shipped, self.workflow)
        self.assertTrue(shipped.active)
        shipped._check_definition()
        self.assertEqual(self.signature(shipped), original)
        # exporting the shipped copy gives the same file: nothing is lost on the way
        self.assertEqual(shipped._export_xml(), xml)
        record = self.new_record()
        self.assertEqual(record.workflow_id, shipped)
        record.workflow_fire("submit")
        self.assertFalse(record.with_user(self.manager).workflow_fire("approve"))
        self.assertTrue(record.with_user(self.manager_2).workflow_fire("approve"))
        self.assertEqual(record.workflow_state_id, shipped.state_ids.filtered(lambda s: s.code == "approved"))
        self.assertIn("Approval posted by the server action", "".join(record.message_ids.mapped("body")))
        # loading it again (an upgrade of the addon) updates the same records instead of duplicating them
        self.load(xml)
        self.assertEqual(self.env["fami.workflow"].with_context(active_test=False).search_count(
            [("model", "=", "fami.workflow.tester")]), 2)
        self.assertEqual(len(shipped.state_ids), 3)

    def test_designer_downloads_the_export(self):
        designer = new_test_user(self.env, login="wf_designer_export",
                                 groups="base.group_user,fami_workflow.group_workflow_designer")
        action = self.workflow.with_user(designer).action_export_xml()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertEqual((attachment.res_model, attachment.res_id), ("fami.workflow", self.workflow.id))
        self.assertEqual(attachment.raw, self.workflow._export_xml())
