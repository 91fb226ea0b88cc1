"""Putting a model the suite does not own under a workflow the way a workflow designer does it: in the form of
Settings > FAMI > Workflows, with no code. Shared by the tests of contacts (here) and of calendar events
(fami_activities)."""
import base64
from contextlib import contextmanager

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import Form, TransactionCase, get_db_name, new_test_user
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.fami_workflow.lib.ui_governance import UI_FIELDS

FILE = base64.b64encode(b"%PDF-1.4 signed agreement")
OTHER_FILE = base64.b64encode(b"%PDF-1.4 another agreement")
REFUSED = (UserError, ValidationError, AccessError)


class UiGovernedCase(TransactionCase):
    """Adding a workflow to a model adds custom fields to it, which changes the registry: each test, and the class,
    set the registry up again from the database once their transaction is rolled back."""

    @classmethod
    def setUpClass(cls):
        # registered first, so run last: after the class's transaction is rolled back
        cls.addClassCleanup(cls._registry_from_database)
        super().setUpClass()
        cls.designer = new_test_user(cls.env, login="ui_designer",
                                     groups="base.group_user,fami_workflow.group_workflow_designer")

    @classmethod
    def _registry_from_database(cls):
        registry = Registry(get_db_name())
        with registry.cursor() as cr:
            registry.setup_models(cr)
        registry.registry_invalidated = False

    def setUp(self):
        # registered before TransactionCase.setUp's savepoint, so run after its rollback
        self.addCleanup(self._registry_from_test_transaction)
        super().setUp()

    def _registry_from_test_transaction(self):
        if self.registry.registry_invalidated:
            self.registry.setup_models(self.env.cr)
            self.registry.registry_invalidated = False

    # ------------------------------------------------------------ the designer's form

    @classmethod
    def design_in_the_form(cls, model_name, name, domain, states, transitions):
        """The workflow a designer builds in Settings > FAMI > Workflows: the states (dicts of the list's columns) in
        a first save, the transitions (dicts of their form's fields, `state_from_id` and `state_to_id` given as
        codes, `required_field_ids` as field names, `group_ids` as groups) in a second one, then Activate."""
        action = cls.env.ref("fami_workflow.fami_workflow_action")
        workflows = cls.env["fami.workflow"].with_user(cls.designer).with_context(**safe_eval(action.context))
        with Form(workflows) as form:
            form.name = name
            form.model_id = cls.env["ir.model"]._get(model_name)
            form.domain = domain
            for values in states:
                with form.state_ids.new() as state:
                    for key, value in values.items():
                        setattr(state, key, value)
        workflow = form.record
        assert not workflow.active, "a new workflow starts archived, while it is designed"
        with Form(workflow) as form:
            for values in transitions:
                with form.transition_ids.new() as transition:
                    for key, value in values.items():
                        if key in ("state_from_id", "state_to_id"):
                            value = workflow.state_ids.filtered(lambda s, code=value: s.code == code)
                        if key == "required_field_ids":
                            for field_name in value:
                                transition.required_field_ids.add(cls.env["ir.model.fields"]._get(model_name,
                                                                                                   field_name))
                        elif key == "group_ids":
                            for group in value:
                                transition.group_ids.add(group)
                        else:
                            setattr(transition, key, value)
        workflow.action_unarchive()  # the Activate button
        return workflow

    # ------------------------------------------------------------ helpers

    def state_code(self, record):
        return self.env["fami.workflow"].workflow_state_of(record._name, record.ids)[0]

    @contextmanager
    def assertRefused(self, pattern=None):
        """An attempt refused with Odoo's or the engine's message, rolled back as the end of an RPC call would."""
        try:
            with self.env.cr.savepoint():
                yield
        except REFUSED as error:
            self.env.invalidate_all()
            if pattern:
                self.assertRegex(str(error), pattern)
            return
        self.fail("the attempt was not refused")

    def form_arch(self, user, model_name, view_type="form"):
        arch = self.env[model_name].with_user(user).get_views([(False, view_type)])["views"][view_type]["arch"]
        return etree.fromstring(arch)

    def assert_form_shows_the_workflow(self, user, model_name, codes):
        """The form rendered for `user` has the status bar and one button per transition code."""
        form = self.form_arch(user, model_name)
        statusbar = form.xpath(f"//field[@name='{UI_FIELDS.state}'][@widget='statusbar']")
        self.assertTrue(statusbar, "no status bar in the form")
        shown = {button.get("data-workflow-transition")
                 for button in form.xpath("//button[@name='action_workflow_fire']")}
        self.assertTrue(set(codes) <= shown, f"buttons {sorted(shown)}")
        self.assertTrue(form.xpath("//button[@name='action_workflow_open_log']"))

    def assert_locked_on_every_path(self, record, values, users, parent=None, o2m=None):
        """`record` is locked: changing `values` or deleting it is refused for each user through the form, RPC,
        mass edit, import, a server action, and the one2many `o2m` of `parent` when given; nothing changes."""
        before = record.read(list(values))[0]
        model = self.env[record._name]
        for user in users:
            as_user = record.with_user(user)
            others = model.with_user(user).search([("id", "!=", record.id)], limit=2)
            paths = {
                "form save": lambda r=as_user: r.web_save(values, {}),
                "rpc write": lambda r=as_user: r.write(values),
                "mass edit": lambda r=as_user, o=others: (o | r).write(values),
                "rpc unlink": lambda r=as_user: r.unlink(),
                "import": lambda r=as_user: self._import(r, values),
                "server action": lambda u=user: self.env["ir.actions.server"].create({
                    "name": "tamper", "model_id": self.env["ir.model"]._get_id(record._name), "state": "code",
                    "code": f"record.write({values!r})"}).with_user(u).with_context(
                    active_model=record._name, active_id=record.id, active_ids=record.ids).run(),
            }
            if parent:
                paths["one2many update"] = lambda p=parent.with_user(user): p.write(
                    {o2m: [Command.update(record.id, values)]})
                paths["one2many delete"] = lambda p=parent.with_user(user): p.write({o2m: [Command.delete(record.id)]})
            for path, attempt in paths.items():
                with self.subTest(user=user.login, path=path), mute_logger("odoo.models.unlink", "odoo.sql_db"):
                    with self.assertRefused():
                        attempt()
                    record.invalidate_recordset()
                    self.assertTrue(record.exists())
                    self.assertEqual(record.read(list(values))[0], before)

    def _import(self, record, values):
        external_id = record.export_data(["id"])["datas"][0][0]
        result = record.env[record._name].load(["id", *values], [[external_id, *map(str, values.values())]])
        errors = [message for message in result["messages"] if message["type"] == "error"]
        if errors:
            raise UserError(errors[0]["message"])

    def add_file_and_note(self, record, user):
        """A file and a note on `record` while it is not locked yet."""
        invoice = self.env["ir.attachment"].with_user(user).create({
            "name": "agreement.pdf", "datas": FILE, "res_model": record._name, "res_id": record.id})
        note = record.with_user(user).message_post(body="Checked by the office", message_type="comment")
        return invoice, note

    def assert_files_and_messages_frozen(self, record, invoice, note, users):
        """The files and the chatter of the locked `record` are frozen for each user; new messages still post."""
        files = self.env["ir.attachment"]
        for user in users:
            with self.subTest(user=user.login), mute_logger("odoo.models.unlink"):
                with self.assertRefused("The files of .* are locked"):
                    invoice.with_user(user).write({"datas": OTHER_FILE})
                with self.assertRefused("The files of .* are locked"):
                    invoice.with_user(user).unlink()
                with self.assertRefused("The files of .* are locked"):
                    files.with_user(user).create({"name": "new.pdf", "datas": FILE, "res_model": record._name,
                                                  "res_id": record.id})
                with self.assertRefused("The messages of .* are locked"):
                    note.with_user(user).write({"body": "Never checked"})
                with self.assertRefused("The messages of .* are locked"):
                    note.with_user(user).unlink()
                with self.assertRefused("The messages of .* are locked"):
                    record.with_user(user)._message_update_content(note.sudo(), body="Never checked")
        self.assertEqual(invoice.datas, FILE)
        self.assertIn("Checked by the office", note.body)
        message = record.with_user(users[0]).message_post(body="A later remark", message_type="comment")
        self.assertEqual(message.author_id, users[0].partner_id)
