import base64
import xmlrpc.client

from lxml import etree
from markupsafe import Markup

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.fami_workflow.lib.ui_governance import UI_FIELDS

from .ui_governed_common import UiGovernedCase

PARTNER_GROUPS = "base.group_user,base.group_partner_manager"


class AgreementsCase(UiGovernedCase):
    """Network agreements on contacts: a workflow designer (no administrator) puts the companies of res.partner
    under a workflow in the form of Settings > FAMI > Workflows, with no code and no module."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.languages_before_the_workflow()
        cls.approvers = cls.env["res.groups"].create({"name": "Agreement signers"})
        cls.employee = new_test_user(cls.env, login="ui_employee", groups=PARTNER_GROUPS)
        cls.signer = new_test_user(cls.env, login="ui_signer", groups=PARTNER_GROUPS)
        cls.signer_2 = new_test_user(cls.env, login="ui_signer_2", groups=PARTNER_GROUPS)
        (cls.signer | cls.signer_2).groups_id = [Command.link(cls.approvers.id)]
        cls.admin = cls.env.ref("base.user_admin")
        shipped = cls.env.ref("fami_partners.demo_workflow_network_agreement", raise_if_not_found=False)
        if shipped:  # the demo's workflow on contacts (with fami_partners): this test designs its own
            shipped.with_user(cls.designer).action_archive()
        cls.existing_company = cls.env["res.partner"].create({"name": "Already there", "is_company": True})
        cls.workflow = cls.design_in_the_form(
            "res.partner", "Network agreements", "[('is_company', '=', True)]",
            states=[
                {"code": "proposed", "name": "Proposed", "sequence": 1, "is_initial": True},
                {"code": "submitted", "name": "Submitted", "sequence": 2},
                {"code": "signed", "name": "Signed", "sequence": 3, "is_final": True, "locked": True},
            ],
            transitions=[
                {"code": "submit", "name": "Submit", "state_from_id": "proposed", "state_to_id": "submitted",
                 "required_field_ids": ["ref"], "notify": True},
                {"code": "sign", "name": "Sign", "state_from_id": "submitted", "state_to_id": "signed",
                 "group_ids": [cls.approvers], "approvals_required": 2},
                {"code": "reject", "name": "Send back", "state_from_id": "submitted", "state_to_id": "proposed",
                 "group_ids": [cls.approvers], "comment_required": True, "button_type": "danger"},
            ])

    @classmethod
    def languages_before_the_workflow(cls):
        cls.env["res.lang"]._activate_lang("it_IT")  # the engine translates what it adds in each language

    def company(self, name="Cooperativa Alfa", **values):
        return self.env["res.partner"].with_user(self.employee).create(
            dict({"name": name, "is_company": True, "ref": "AGR-1"}, **values))

    def signed_company(self, name="Cooperativa Alfa", **values):
        company = self.company(name, **values)
        company.workflow_fire("submit")
        company.with_user(self.signer).workflow_fire("sign")
        company.with_user(self.signer_2).workflow_fire("sign")
        return company


@tagged("post_install", "-at_install")
class TestContactsGovernedFromTheUi(AgreementsCase):
    """Plain users move the companies through the workflow the designer made; a signed agreement is locked with its
    files and chatter; the views show it; archiving or deleting the workflow gives the contacts back."""

    # ------------------------------------------------------------ designed in the form

    def test_the_designer_governs_contacts_from_the_form_with_no_code(self):
        self.assertFalse(self.designer.has_group("base.group_system"))
        self.assertTrue(self.workflow.active)
        self.assertEqual(self.workflow.model, "res.partner")
        fields = self.env["ir.model.fields"].search([("model", "=", "res.partner"), ("name", "in", list(UI_FIELDS))])
        self.assertEqual(set(fields.mapped("name")), set(UI_FIELDS))
        self.assertEqual(set(fields.mapped("state")), {"manual"}, "added the way Odoo adds custom fields")
        self.assertEqual(sorted(self.workflow.with_user(self.designer).ui_view_ids.mapped("type")),
                         ["form", "list", "search"])
        # the records that were there get the initial state when they match the domain; the others stay free
        individual = self.env["res.partner"].create({"name": "Mario Rossi"})
        self.assertEqual(self.state_code(self.existing_company), "proposed")
        self.assertEqual(self.env["fami.workflow"].workflow_state_of("res.partner", [
            self.existing_company.id, individual.id]), ["proposed", False])

    def test_models_that_cannot_be_governed_are_refused_naming_the_fix(self):
        workflows = self.env["fami.workflow"].with_user(self.designer)
        for model, message in (("ir.ui.view", "technical models"), ("res.users", "technical models"),
                               ("fami.workflow.log", "technical models"), ("mail.message", "technical models"),
                               ("mail.compose.message", "temporary"), ("mail.thread", "no records of its own")):
            with self.subTest(model=model), self.assertRaisesRegex(ValidationError, message):
                workflows.create({"name": "Bad", "model_id": self.env["ir.model"]._get_id(model), "active": False})

    # ------------------------------------------------------------ moved by plain users

    def test_a_company_goes_through_the_workflow_and_an_individual_stays_free(self):
        with Form(self.env["res.partner"].with_user(self.employee)) as form:  # created in the form
            form.company_type = "company"
            form.name = "Cooperativa Beta"
        company = form.record
        self.assertEqual(self.state_code(company), "proposed")
        with self.assertRaisesRegex(UserError, "Fill in Reference before Submit"):
            company.workflow_fire("submit")
        company.ref = "AGR-2"
        company.workflow_fire("submit")
        self.assertEqual(self.state_code(company), "submitted")
        # the signers are asked, with an approval activity on the contact
        activities = self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "=", company.id)])
        self.assertEqual(activities.user_id, self.signer | self.signer_2)
        self.assertEqual(activities.activity_type_id,
                         self.env.ref("fami_workflow.mail_activity_type_workflow_approval"))
        with self.assertRaises(AccessError):
            company.workflow_fire("sign")  # not a signer
        with self.assertRaisesRegex(UserError, "needs a comment"):
            company.with_user(self.signer).workflow_fire("reject")
        self.assertFalse(company.with_user(self.signer).workflow_fire("sign"), "one approval of two")
        self.assertEqual(self.state_code(company), "submitted")
        with self.assertRaisesRegex(UserError, "already approved"):
            company.with_user(self.signer).workflow_fire("sign")
        self.assertTrue(company.with_user(self.signer_2).workflow_fire("sign"))
        self.assertEqual(self.state_code(company), "signed")
        self.assertFalse(activities.exists(), "the approval activities are done")
        logs = self.env["fami.workflow.log"].with_user(self.employee).search(
            [("res_model", "=", "res.partner"), ("res_id", "=", company.id)], order="id")
        self.assertEqual(logs.mapped("transition_name"), ["Submit", "Sign"])
        self.assertEqual(logs.mapped("user_id"), self.employee | self.signer_2)
        self.assertEqual(logs[1].approver_ids, self.signer | self.signer_2)
        self.assertIn("Submit: Proposed → Submitted", "".join(company.message_ids.mapped("body")))
        # an individual contact is not governed: free to change and delete, no state, no button to fire
        person = self.env["res.partner"].with_user(self.employee).create({"name": "Mario Rossi",
                                                                         "parent_id": company.id})
        self.assertFalse(self.state_code(person))
        with self.assertRaisesRegex(UserError, "not governed by any workflow"):
            person.workflow_fire("submit")
        person.write({"name": "Mario Bianchi", "email": "mario@example.com"})
        person.unlink()

    def test_a_contact_that_becomes_a_company_gets_the_workflow(self):
        """A write that changes no field of the domain looks for no workflow; one that makes the record match
        gives it the workflow's initial state."""
        person = self.env["res.partner"].with_user(self.employee).create({"name": "Studio Rossi"})
        person.write({"phone": "075 123"})
        self.assertFalse(self.state_code(person))
        person.write({"company_type": "company"})  # the form's radio button
        self.assertEqual(self.state_code(person), "proposed")

    def test_a_rejection_needs_a_comment_and_sends_the_company_back(self):
        company = self.company()
        company.workflow_fire("submit")
        company.with_user(self.signer).workflow_fire("reject", comment="Unsigned page 2")
        self.assertEqual(self.state_code(company), "proposed")
        self.assertEqual(self.env["fami.workflow.log"].search([("res_model", "=", "res.partner"),
                                                               ("res_id", "=", company.id)], limit=1).comment,
                         "Unsigned page 2")
        company.write({"ref": "AGR-1 bis"})  # editable again

    # ------------------------------------------------------------ the lock

    @mute_logger("odoo.models.unlink")
    def test_a_signed_company_is_locked_on_every_path(self):
        holding = self.company("Holding")
        company = self.signed_company(parent_id=holding.id)
        self.assert_locked_on_every_path(company, {"name": "Renamed", "ref": "AGR-9"}, self.employee | self.admin,
                                         parent=holding, o2m="child_ids")
        with self.assertRaisesRegex(UserError, "Cooperativa Alfa is Signed: it is locked"):
            company.with_user(self.admin).write({"phone": "075 000"})
        # the state changes only through the engine, for anybody
        signed = self.workflow.state_ids.filtered(lambda s: s.code == "signed")
        proposed = self.workflow.state_ids.filtered(lambda s: s.code == "proposed")
        with self.assertRaisesRegex(UserError, "only through the workflow buttons"):
            company.with_user(self.admin).write({UI_FIELDS.state: proposed.id})
        with self.assertRaisesRegex(UserError, "set by its workflow"):
            self.env["res.partner"].with_user(self.employee).create({"name": "Forged", "is_company": True,
                                                                     UI_FIELDS.state: signed.id})
        forged = self.env["res.partner"].with_user(self.employee).with_context(**{
            f"default_{UI_FIELDS.state}": signed.id}).create({"name": "Forged", "is_company": True})
        self.assertEqual(self.state_code(forged), "proposed")
        # the rest of the contacts is untouched by the lock
        holding.write({"phone": "075 111"})

    def test_what_a_locked_state_leaves_editable_stays_editable(self):
        signed = self.workflow.state_ids.filtered(lambda s: s.code == "signed")
        signed.with_user(self.designer).editable_field_ids = self.env["ir.model.fields"]._get("res.partner", "comment")
        company = self.signed_company()
        company.with_user(self.employee).write({"comment": Markup("<p>Renewal due in 2027</p>")})
        with self.assertRaisesRegex(UserError, "locked"):
            company.with_user(self.employee).write({"comment": Markup("<p>Renewal</p>"), "name": "Renamed"})

    def test_the_files_and_chatter_of_a_signed_company_are_frozen(self):
        company = self.company()
        invoice, note = self.add_file_and_note(company, self.employee)
        company.workflow_fire("submit")
        company.with_user(self.signer).workflow_fire("sign")
        company.with_user(self.signer_2).workflow_fire("sign")
        self.assert_files_and_messages_frozen(company, invoice, note, self.employee | self.admin)
        # on a governed record nobody posts under another's name; an individual keeps Odoo's rules
        with self.assertRaisesRegex(UserError, "only under your own name"):
            company.with_user(self.employee).message_post(body="Signed, the signer",
                                                          author_id=self.signer.partner_id.id)
        person = self.env["res.partner"].create({"name": "Mario Rossi"})
        other = person.with_user(self.admin).message_post(body="Note", author_id=self.signer.partner_id.id)
        self.assertEqual(other.author_id, self.signer.partner_id)
        person_file = self.env["ir.attachment"].with_user(self.employee).create({
            "name": "id.pdf", "raw": b"%PDF", "res_model": "res.partner", "res_id": person.id})
        person_file.with_user(self.employee).unlink()

    # ------------------------------------------------------------ the views

    def test_the_rendered_views_show_the_status_bar_buttons_filters_and_column(self):
        self.assert_form_shows_the_workflow(self.employee, "res.partner", ["submit", "sign", "reject"])
        form = self.form_arch(self.employee, "res.partner")
        statusbar = form.xpath(f"//field[@name='{UI_FIELDS.state}'][@widget='statusbar']")[0]
        self.assertIn(str(self.workflow.id), statusbar.get("domain"), "only the states of this workflow")
        listed = self.form_arch(self.employee, "res.partner", "list")
        self.assertTrue(listed.xpath(f"//field[@name='{UI_FIELDS.state}']"))
        search = self.form_arch(self.employee, "res.partner", "search")
        self.assertTrue(search.xpath("//filter[@name='fami_workflow_group_state']"))
        self.assertEqual(len(search.xpath(f"//filter[starts-with(@name, 'fami_workflow_{self.workflow.id}_state_')]")),
                         3)
        # grouped by state, as the search view's grouping does
        company = self.company()
        groups = self.env["res.partner"].with_user(self.employee).read_group(
            [("id", "=", company.id)], [UI_FIELDS.state], [UI_FIELDS.state])
        self.assertEqual(groups[0][UI_FIELDS.state][0], self.workflow.state_ids[0].id)
        # each button shows to whom may fire it, now
        spec = {UI_FIELDS.codes: {}, UI_FIELDS.state: {"fields": {"display_name": {}}}}
        self.assertEqual(company.with_user(self.employee).web_read(spec)[0][UI_FIELDS.codes], ",submit,")
        company.workflow_fire("submit")
        self.env.invalidate_all()
        self.assertEqual(company.with_user(self.employee).web_read(spec)[0][UI_FIELDS.codes], "")
        self.env.invalidate_all()
        [values] = company.with_user(self.signer).web_read(spec)
        self.assertEqual((values[UI_FIELDS.codes], values[UI_FIELDS.state]["display_name"]),
                         (",sign,reject,", "Submitted"))
        # the buttons of the form run the engine
        self.env.invalidate_all()
        company.with_user(self.signer).with_context(workflow_transition_code="sign").action_workflow_fire()
        action = company.with_user(self.signer_2).with_context(workflow_transition_code="reject").action_workflow_fire()
        self.assertEqual(action["res_model"], "fami.workflow.comment.wizard")

    def test_the_views_speak_italian(self):
        self.workflow.with_user(self.designer).action_archive()
        self.workflow.with_context(lang="it_IT").with_user(self.designer).write({"name": "Accordi di rete"})
        self.workflow.state_ids.filtered(lambda s: s.code == "signed").with_context(lang="it_IT").name = "Firmato"
        self.workflow.transition_ids.filtered(lambda t: t.code == "sign").with_context(lang="it_IT").name = "Firma"
        self.workflow.with_user(self.designer).action_unarchive()
        italian = self.employee.with_context(lang="it_IT")
        form = etree.fromstring(self.env["res.partner"].with_user(italian).with_context(lang="it_IT").get_views(
            [(False, "form")])["views"]["form"]["arch"])
        self.assertEqual(form.xpath("//button[@data-workflow-transition='sign']")[0].get("string"), "Firma")
        search = etree.fromstring(self.env["res.partner"].with_context(lang="it_IT").get_views(
            [(False, "search")])["views"]["search"]["arch"])
        self.assertIn("Accordi di rete: Firmato", [node.get("string") for node in search.xpath("//filter")])
        self.assertEqual(self.env["res.partner"].with_context(lang="it_IT").fields_get([UI_FIELDS.state])[
            UI_FIELDS.state]["string"], "Stato del flusso")

    # ------------------------------------------------------------ removing the workflow

    def test_archiving_removes_the_views_and_frees_the_records_keeping_states_and_log(self):
        company = self.signed_company()
        self.workflow.with_user(self.designer).action_archive()
        self.assertFalse(self.workflow.ui_view_ids)
        form = self.form_arch(self.employee, "res.partner")
        self.assertFalse(form.xpath("//button[@name='action_workflow_fire']"))
        self.assertFalse(form.xpath(f"//field[@name='{UI_FIELDS.state}']"))
        # the records are back to Odoo's rules, their states and log kept
        company.with_user(self.employee).write({"name": "Renamed after the archive"})
        self.assertEqual(self.state_code(company), "signed")
        logs = self.env["fami.workflow.log"].with_user(self.employee).search([("res_model", "=", "res.partner"),
                                                                              ("res_id", "=", company.id)])
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.mapped("record_name"), ["Cooperativa Alfa"] * 2)
        new = self.company("Created meanwhile")
        self.assertFalse(self.state_code(new), "an archived workflow governs no new record")
        with self.assertRaisesRegex(UserError, "archived"):
            company.workflow_fire("submit")
        # active again: the lock and the views are back, and records created meanwhile are governed
        self.workflow.with_user(self.designer).action_unarchive()
        self.assertEqual(self.state_code(new), "proposed")
        with self.assertRaisesRegex(UserError, "locked"):
            company.with_user(self.employee).write({"name": "Renamed again"})
        self.assert_form_shows_the_workflow(self.employee, "res.partner", ["submit"])

    def test_deleting_the_workflow_removes_what_it_added_unless_it_moved_records(self):
        company = self.company()
        with self.env.cr.savepoint() as savepoint:
            company.workflow_fire("submit")
            with self.assertRaisesRegex(UserError, "has moved records: its log is evidence"):
                self.workflow.with_user(self.designer).unlink()
            savepoint.rollback()
        self.env.invalidate_all()
        self.workflow.with_user(self.designer).unlink()  # it never moved a record
        self.assertFalse(self.env["ir.ui.view"].search([("name", "=like", f"fami.workflow.{self.workflow.id}.%")]))
        # the fields stay while another workflow, even archived (the demo's), names the model
        others = self.env["fami.workflow"].with_context(active_test=False).search([("model", "=", "res.partner")])
        self.assertEqual(UI_FIELDS.state in self.env["res.partner"]._fields, bool(others))
        company.with_user(self.employee).write({"name": "Free again"})
        with self.assertRaisesRegex(UserError, "not governed by any workflow"):
            company.workflow_fire("submit")

    def test_deleting_the_last_workflow_of_a_model_removes_its_fields(self):
        tags = self.env["res.partner.category"]
        self.assertNotIn(UI_FIELDS.state, tags._fields)
        workflow = self.design_in_the_form(
            "res.partner.category", "Contact tags", "[]",
            states=[{"code": "draft", "name": "Draft", "sequence": 1, "is_initial": True},
                    {"code": "done", "name": "Done", "sequence": 2, "is_final": True, "locked": True}],
            transitions=[{"code": "close", "name": "Close", "state_from_id": "draft", "state_to_id": "done"}])
        tag = self.env["res.partner.category"].create({"name": "Network"})
        self.assertEqual(self.state_code(tag), "draft")
        self.assert_form_shows_the_workflow(self.employee, "res.partner.category", ["close"])
        workflow.with_user(self.designer).unlink()
        self.assertNotIn(UI_FIELDS.state, self.env["res.partner.category"]._fields, "no workflow left: fields gone")
        self.assertFalse(self.env["ir.model.fields"].search([("model", "=", "res.partner.category"),
                                                             ("name", "in", list(UI_FIELDS))]))
        self.assertFalse(self.form_arch(self.employee, "res.partner.category").xpath(
            "//button[@name='action_workflow_fire']"))
        tag.write({"name": "Network (renamed)"})


@tagged("post_install", "-at_install")
class TestItalianInstalledAfterTheWorkflow(AgreementsCase):
    """A database in English whose contacts a designer put under a workflow; Italian installed afterwards by the
    administrator: what the engine added to the contacts' screens speaks Italian to Italian users, English to the
    others."""

    @classmethod
    def languages_before_the_workflow(cls):
        cls.italian = cls.env["res.lang"].with_context(active_test=False).search([("code", "=", "it_IT")])
        if cls.italian.active:  # a database installed in Italian: English only, in this class's transaction
            cls.env["res.partner"].with_context(active_test=False).search([("lang", "=", "it_IT")]).lang = "en_US"
            cls.italian.active = False

    def screens(self, lang):
        """(form, search view, field labels) of contacts as the employee sees them in `lang`."""
        partners = self.env["res.partner"].with_user(self.employee).with_context(lang=lang)
        views = partners.get_views([(False, "form"), (False, "search")])["views"]
        labels = {name: field["string"] for name, field in partners.fields_get(list(UI_FIELDS), ["string"]).items()}
        return etree.fromstring(views["form"]["arch"]), etree.fromstring(views["search"]["arch"]), labels

    def test_installing_italian_translates_the_fields_and_views_the_engine_added(self):
        self.env["base.language.install"].with_user(self.admin).create({
            "lang_ids": [Command.set(self.italian.ids)]}).lang_install()
        form, search, labels = self.screens("it_IT")
        self.assertEqual(form.xpath("//button[@name='action_workflow_open_log']")[0].get("string"),
                         "Registro del flusso")
        self.assertEqual(search.xpath("//filter[@name='fami_workflow_group_state']")[0].get("string"),
                         "Stato del flusso")
        self.assertEqual(labels, {UI_FIELDS.workflow: "Flusso", UI_FIELDS.state: "Stato del flusso",
                                  UI_FIELDS.date: "In questo stato dal",
                                  UI_FIELDS.codes: "Azioni del flusso che potete compiere"})
        form, search, labels = self.screens("en_US")
        self.assertEqual(form.xpath("//button[@name='action_workflow_open_log']")[0].get("string"), "Workflow log")
        self.assertEqual(search.xpath("//filter[@name='fami_workflow_group_state']")[0].get("string"),
                         "Workflow state")
        self.assertEqual(labels[UI_FIELDS.state], "Workflow state")


@tagged("post_install", "-at_install")
class TestContactsWorkflowOverXmlRpc(AgreementsCase, HttpCase):
    """The same workflow driven by plain users over XML-RPC, as another program would."""

    def call(self, login, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, login, model, method, list(args), kwargs)

    def assert_fault(self, pattern, login, model, method, *args, **kwargs):
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refused:
            self.call(login, model, method, *args, **kwargs)
        self.assertRegex(refused.exception.faultString, pattern)

    def test_plain_users_drive_a_company_through_the_workflow_over_xmlrpc(self):
        employee = self.employee.login
        company_id = self.call(employee, "res.partner", "create", {"name": "Cooperativa RPC", "is_company": True})
        person_id = self.call(employee, "res.partner", "create", {"name": "Persona RPC"})
        self.assertEqual(self.call(employee, "fami.workflow", "workflow_state_of", "res.partner",
                                   [company_id, person_id]), ["proposed", False])
        self.assert_fault("Fill in Reference before Submit", employee, "res.partner", "workflow_fire", [company_id],
                          "submit")
        self.call(employee, "res.partner", "write", [company_id], {"ref": "AGR-RPC"})
        self.assertTrue(self.call(employee, "res.partner", "workflow_fire", [company_id], "submit"))
        self.assert_fault("not allowed to Sign", employee, "res.partner", "workflow_fire", [company_id], "sign")
        self.assertFalse(self.call(self.signer.login, "res.partner", "workflow_fire", [company_id], "sign"))
        self.assertTrue(self.call(self.signer_2.login, "res.partner", "workflow_fire", [company_id], "sign"))
        self.assertEqual(self.call(employee, "fami.workflow", "workflow_state_of", "res.partner", [company_id]),
                         ["signed"])
        # locked for every call a program could make
        self.assert_fault("is Signed: it is locked", employee, "res.partner", "write", [company_id], {"ref": "X"})
        self.assert_fault("is Signed: it is locked", employee, "res.partner", "unlink", [company_id])
        self.assert_fault("only through the workflow buttons", employee, "res.partner", "write", [company_id],
                          {UI_FIELDS.state: self.workflow.state_ids[0].id})
        self.assert_fault("The files of Cooperativa RPC are locked", employee, "ir.attachment", "create", {
            "name": "forged.pdf", "datas": base64.b64encode(b"%PDF").decode(), "res_model": "res.partner",
            "res_id": company_id})
        [external_id] = self.env["res.partner"].browse(company_id).export_data(["id"])["datas"][0]
        result = self.call(employee, "res.partner", "load", ["id", "name"], [[external_id, "Renamed"]])
        self.assertTrue([message for message in result["messages"] if message["type"] == "error"], result)
        self.assertEqual(self.env["res.partner"].browse(company_id).name, "Cooperativa RPC")
        # the individual is no business of the workflow; a model no workflow governs says so
        self.call(employee, "res.partner", "write", [person_id], {"name": "Persona RPC bis"})
        self.assert_fault("not governed by any workflow", employee, "res.country", "workflow_fire",
                          [self.env.ref("base.it").id], "submit")
        logs = self.call(employee, "fami.workflow.log", "search_read", [("res_model", "=", "res.partner"),
                                                                         ("res_id", "=", company_id)],
                         fields=["transition_name"], order="id")
        self.assertEqual([log["transition_name"] for log in logs], ["Submit", "Sign"])

    def test_a_plain_user_submits_a_company_from_the_contact_form(self):
        """The status bar and the buttons the engine added to Odoo's contact form, clicked in a browser."""
        company = self.company("Cooperativa Tour")
        self.start_tour(f"/odoo/res.partner/{company.id}", "fami_workflow_contact_agreement_tour",
                        login=self.employee.login)
        self.assertEqual(self.state_code(company), "submitted")
        self.assertEqual(self.env["fami.workflow.log"].search([("res_model", "=", "res.partner"),
                                                              ("res_id", "=", company.id)]).user_id, self.employee)
