"""For the addons' tests of their shipped workflows, as the demo users: whoever sends a record does not check or
approve it (separation of duties), the approvers asked are the record's organisation's colleagues, and what the
engine writes (activities, workflow log, chatter) is in Italian with the Italian names of states and transitions."""
import re

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user


class ShippedWorkflowCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.manager = ref("fami_partners.demo_user_responsabile")
        cls.staff = ref("fami_partners.demo_user_amministrativo")
        cls.trainer = ref("fami_partners.demo_user_formatore")
        cls.mediator = ref("fami_partners.demo_user_mediatore")
        cls.project = ref("fami_partners.demo_project_umbria2")
        cls.cidis = ref("fami_partners.demo_partner_cidis")
        cls.env["res.lang"]._activate_lang("it_IT")
        modules = cls.env["ir.module.module"].search([("name", "=like", "fami_%"), ("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(modules.mapped("name"), ["it_IT"], overwrite=True)
        # the demo database is in Italian: so are its users
        (cls.manager | cls.staff | cls.trainer | cls.mediator).write({"lang": "it_IT"})

    @classmethod
    def colleague_of(cls, user, login):
        """Another user with the same groups and organisations as `user`: the colleague who approves."""
        groups = [xmlid for xmlid in user.groups_id.get_external_id().values() if xmlid]
        colleague = new_test_user(cls.env, login=login, lang="it_IT", groups=",".join(groups))
        for link in user.fami_project_partner_ids:
            link.user_ids = [(4, colleague.id)]
        return colleague

    def as_user(self, record, user):
        return record.with_user(user).with_context(lang="it_IT")

    def assert_sender_cannot(self, record, send, check, sender, colleague, comment=None):
        """`sender` fires `send`, is refused `check` with the engine's Italian message, and `colleague` may."""
        self.as_user(record, sender).workflow_fire(send)
        action = self.as_user(record, sender)._workflow_outgoing().filtered(lambda t: t.code == check)[:1].name
        with self.assertRaisesRegex(UserError, f"un collega deve eseguire «{re.escape(action)}»"):
            self.as_user(record, sender).workflow_fire(check, comment=comment)
        before = record.workflow_state_code
        self.as_user(record, colleague).workflow_fire(check, comment=comment)
        record.invalidate_recordset()
        self.assertNotEqual(record.workflow_state_code, before, f"{colleague.login} could not {check}")

    def english_names(self, workflow):
        """The English names of the workflow's states and transitions whose Italian is another word."""
        names = set()
        for part in (workflow.state_ids, workflow.transition_ids):
            for record in part:
                english, italian = record.with_context(lang="en_US").name, record.with_context(lang="it_IT").name
                self.assertNotEqual(english, italian, f"{record._name} {record.code}: no Italian name in it.po")
                names.add(english)
        return names

    def assert_italian(self, record, workflow):
        """The activities, workflow log lines and chatter notes the engine wrote on `record`, read in Italian,
        name no English state or transition of `workflow`."""
        english = self.english_names(workflow)
        activity_types = (self.env.ref("fami_workflow.mail_activity_type_workflow_approval")
                          | self.env.ref("fami_workflow.mail_activity_type_workflow_reminder"))
        activities = self.env["mail.activity"].with_context(active_test=False).search([
            ("res_model", "=", record._name), ("res_id", "=", record.id),
            ("activity_type_id", "in", activity_types.ids)])
        logs = self.env["fami.workflow.log"].with_context(lang="it_IT").search([
            ("res_model", "=", record._name), ("res_id", "=", record.id)])
        self.assertTrue(logs, "the record moved")
        texts = activities.mapped("summary") + logs.mapped("display_name") + logs.mapped("transition_label") \
            + logs.state_from_id.with_context(lang="it_IT").mapped("name") \
            + logs.state_to_id.with_context(lang="it_IT").mapped("name") \
            + [str(body) for body in record.message_ids.mapped("body")]
        for text in texts:
            for name in english:
                self.assertNotRegex(text or "", rf"(?<!\w){re.escape(name)}(?!\w)", f"English {name!r} in {text!r}")
        return activities
