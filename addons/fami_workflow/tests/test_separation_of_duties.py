import xmlrpc.client

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import WorkflowCase
from .test_ui_governed_partner import AgreementsCase

REFUSAL = "Four eyes: you did “Submit” on Record yourself, so you cannot also do “Approve”. A colleague must do"


def load_italian(env, modules=("fami_workflow",)):
    env["res.lang"]._activate_lang("it_IT")
    env["ir.module.module"]._load_module_terms(list(modules), ["it_IT"], overwrite=True)


@tagged("post_install", "-at_install")
class TestSeparationOfDuties(WorkflowCase):
    """Separation of duties, a feature of the engine set per transition (Not by whoever fired): whoever fired an
    earlier step named on a transition (who submitted a record) may not fire it (approve it)."""

    def setUp(self):
        super().setUp()
        self.approve = self.transition("approve")
        self.approve.separate_from_ids = self.transition("submit")
        # managers who may submit as well as approve: the case separation of duties is about
        self.transition("submit").group_ids = self.approvers

    def test_who_submitted_may_not_approve_a_colleague_may(self):
        """Before: the manager who submitted a record approved it too."""
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        with self.assertRaisesRegex(UserError, REFUSAL):
            record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "submitted")
        record.with_user(self.manager_2).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")

    def test_sudo_does_not_make_another_person_the_superuser_may(self):
        """The check is on the person: a user's code in sudo() is still that user. The superuser (data files,
        scheduled jobs) is no person and passes."""
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        with self.assertRaisesRegex(UserError, "Four eyes"):
            record.with_user(self.manager).sudo().workflow_fire("approve")
        other = self.new_record(name="Loaded by a data file")
        superuser = self.env.ref("base.user_root")
        superuser.groups_id = [Command.link(self.approvers.id)]
        other.with_user(superuser).workflow_fire("submit")
        other.with_user(superuser).workflow_fire("approve")
        self.assertEqual(other.workflow_state_code, "approved")

    def test_only_the_latest_firing_counts(self):
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        record.with_user(self.manager_2).workflow_fire("reject", comment="Wrong receipt")
        record.with_user(self.manager_2).workflow_fire("submit")
        with self.assertRaisesRegex(UserError, "Four eyes"):
            record.with_user(self.manager_2).workflow_fire("approve")
        record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")

    def test_records_moved_together_are_refused_together_naming_the_record(self):
        mine, theirs = self.new_record(name="Mine"), self.new_record(name="Theirs")
        mine.with_user(self.manager).workflow_fire("submit")
        theirs.with_user(self.manager_2).workflow_fire("submit")
        with self.assertRaisesRegex(UserError, "on Mine yourself"):
            (mine | theirs).with_user(self.manager).workflow_fire("approve")
        self.assertEqual((mine | theirs).mapped("workflow_state_code"), ["submitted", "submitted"])

    def test_off_by_default_and_set_per_transition(self):
        self.approve.separate_from_ids = False
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")

    def test_every_approver_of_the_earlier_step_is_barred(self):
        """A step that needs two people (both submit): neither of them approves."""
        self.transition("submit").approvals_required = 2
        third = new_test_user(self.env, login="wf_manager_3", groups="base.group_user")
        third.groups_id = [Command.link(self.approvers.id)]
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        record.with_user(self.manager_2).workflow_fire("submit")
        for user in (self.manager, self.manager_2):
            with self.assertRaisesRegex(UserError, "Four eyes"):
                record.with_user(user).workflow_fire("approve")
        record.with_user(third).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")

    def test_the_earlier_steps_come_from_the_same_workflow(self):
        other = self.make_workflow("Other tester workflow", "[('amount', '>', 1000)]", sequence=20)
        with self.assertRaisesRegex(ValidationError, "only from transitions of its own workflow"):
            self.approve.separate_from_ids = self.transition("submit", other)

    def test_the_exported_definition_keeps_it(self):
        xml = self.workflow._export_xml().decode()
        self.assertIn('<field name="separate_from_ids" eval="[(6, 0, [ref(\'workflow_tester_approval_tr_submit_draft'
                      '\')])]" />', xml)
        self.assertLess(xml.index('id="workflow_tester_approval_tr_submit_draft"'),
                        xml.index('id="workflow_tester_approval_tr_approve_submitted"'))

    def test_the_refusal_speaks_italian(self):
        load_italian(self.env)
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        with self.assertRaisesRegex(UserError, "un collega deve eseguire «Approve»"):
            record.with_user(self.manager).with_context(lang="it_IT").workflow_fire("approve")


@tagged("post_install", "-at_install")
class TestApproversAreAsked(WorkflowCase):
    """The activity for the next step goes to the colleagues who may take it: not to who submitted (separation of
    duties), not to the database's generic accounts (OdooBot, admin) while someone else may, in each one's
    language."""

    def setUp(self):
        super().setUp()
        self.transition("approve").separate_from_ids = self.transition("submit")
        self.transition("submit").group_ids = self.approvers
        self.admin = self.env.ref("base.user_admin")
        self.admin.groups_id = [Command.link(self.approvers.id)]
        self.activity_type = self.env.ref("fami_workflow.mail_activity_type_workflow_approval")

    def activities(self, record):
        return self.env["mail.activity"].search([("res_model", "=", record._name), ("res_id", "=", record.id),
                                                 ("activity_type_id", "=", self.activity_type.id)])

    def test_the_colleague_is_asked_not_who_submitted_nor_the_admin(self):
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        self.assertEqual(self.activities(record).user_id, self.manager_2)

    def test_the_admin_is_asked_only_when_nobody_else_may(self):
        self.manager_2.groups_id = [Command.unlink(self.approvers.id)]
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        self.assertEqual(self.activities(record).user_id, self.admin)

    def test_each_approver_reads_the_summary_in_their_language(self):
        load_italian(self.env)
        self.transition("approve").with_context(lang="it_IT").name = "Approva"
        self.transition("reject").with_context(lang="it_IT").name = "Rimanda indietro"
        self.manager_2.lang = "it_IT"
        record = self.new_record()
        record.with_user(self.manager).with_context(lang="en_US").workflow_fire("submit")
        self.assertEqual(self.activities(record).summary, "Record attende una tua azione: Approva, Rimanda indietro")

    def test_summaries_written_before_the_translations_are_written_again(self):
        """Demo data moves records while its addon installs, before the names of its workflows are translated."""
        self.env["res.lang"]._activate_lang("it_IT")
        self.manager_2.lang = "it_IT"
        record = self.new_record()
        record.with_user(self.manager).workflow_fire("submit")
        self.transition("approve").with_context(lang="it_IT").name = "Approva"
        self.transition("reject").with_context(lang="it_IT").name = "Rimanda indietro"
        self.env["ir.module.module"]._load_module_terms(["fami_workflow"], ["it_IT"], overwrite=True)
        self.assertEqual(self.activities(record).summary, "Record attende una tua azione: Approva, Rimanda indietro")

    def test_move_notes_of_the_demo_data_are_written_again_a_persons_are_not(self):
        superuser = self.env.ref("base.user_root")
        superuser.groups_id = [Command.link(self.approvers.id)]
        demo, own = self.new_record(name="Demo"), self.new_record(name="Own")
        demo.with_user(superuser).workflow_fire("submit")
        own.with_user(self.manager).workflow_fire("submit")
        self.env["res.lang"]._activate_lang("it_IT")
        self.transition("submit").with_context(lang="it_IT").name = "Invia"
        self.state("draft").with_context(lang="it_IT").name = "Bozza"
        self.state("submitted").with_context(lang="it_IT").name = "Inviato"
        self.env["ir.module.module"]._load_module_terms(["fami_workflow"], ["it_IT"])
        self.assertIn("Invia: Bozza → Inviato", "".join(demo.message_ids.mapped("body")))
        self.assertNotIn("Submit: Draft → Submitted", "".join(demo.message_ids.mapped("body")))
        self.assertIn("Submit: Draft → Submitted", "".join(own.message_ids.mapped("body")))

    def test_creation_lines_written_before_the_translations_are_written_again(self):
        """"FAMI course creato": the record was made while its addon installed, before its model's name was
        translated; once it is, the line says the Italian name."""
        self.env["res.lang"]._activate_lang("it_IT")
        record = self.env["fami.workflow.tester"].with_context(lang="it_IT").create({"name": "Da demo"})
        self.assertIn("FAMI workflow tester creato", record.message_ids[-1:].body)
        self.env["ir.model"]._get("fami.workflow.tester").with_context(lang="it_IT").name = "Collaudo FAMI"
        self.env["ir.module.module"]._load_module_terms(["fami_workflow"], ["it_IT"])
        self.assertIn("Collaudo FAMI creato", record.message_ids[-1:].body)
        self.assertNotIn("FAMI workflow tester", record.message_ids[-1:].body)


@tagged("post_install", "-at_install")
class TestSeparationDesignedInTheForm(AgreementsCase, HttpCase):
    """A workflow designer keeps signing apart from submitting in the workflow's form (no code): who submitted a
    company cannot sign it, through the form's button or over XML-RPC; a colleague can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with Form(cls.workflow.with_user(cls.designer)) as form:
            codes = cls.workflow.transition_ids.mapped("code")  # the order of the form's list
            with form.transition_ids.edit(codes.index("sign")) as sign:
                sign.approvals_required = 1
                sign.separate_from_ids.add(cls.workflow.transition_ids.filtered(lambda t: t.code == "submit"))
        cls.submitter = cls.signer

    def call(self, login, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, login, model, method, list(args), kwargs)

    def test_the_form_keeps_the_option(self):
        sign = self.workflow.transition_ids.filtered(lambda t: t.code == "sign")
        self.assertEqual(sign.separate_from_ids.mapped("code"), ["submit"])

    def test_who_submitted_cannot_sign_through_the_button_a_colleague_can(self):
        company = self.company().with_user(self.signer)
        company.with_context(workflow_transition_code="submit").action_workflow_fire()
        with self.assertRaisesRegex(UserError, "you did “Submit” on Cooperativa Alfa yourself"):
            company.with_context(workflow_transition_code="sign").action_workflow_fire()
        self.assertEqual(self.state_code(company), "submitted")
        company.with_user(self.signer_2).with_context(workflow_transition_code="sign").action_workflow_fire()
        self.assertEqual(self.state_code(company), "signed")

    def test_who_submitted_cannot_sign_over_xmlrpc(self):
        login = self.signer.login
        company_id = self.call(login, "res.partner", "create", {"name": "Cooperativa RPC", "is_company": True,
                                                                "ref": "AGR-RPC"})
        self.assertTrue(self.call(login, "res.partner", "workflow_fire", [company_id], "submit"))
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refused:
            self.call(login, "res.partner", "workflow_fire", [company_id], "sign")
        self.assertIn("Four eyes: you did “Submit” on Cooperativa RPC yourself", refused.exception.faultString)
        self.assertEqual(self.call(login, "fami.workflow", "workflow_state_of", "res.partner", [company_id]),
                         ["submitted"])
        self.assertTrue(self.call(self.signer_2.login, "res.partner", "workflow_fire", [company_id], "sign"))
        self.assertEqual(self.call(login, "fami.workflow", "workflow_state_of", "res.partner", [company_id]),
                         ["signed"])
