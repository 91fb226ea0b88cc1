import base64
from contextlib import contextmanager
from unittest.mock import patch

from markupsafe import Markup

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.fami_workflow.models.fami_workflow_frozen_mixin import FamiWorkflowFrozenMixin

from .common import WorkflowCase

FILE = base64.b64encode(b"%PDF-1.4 invoice")
OTHER_FILE = base64.b64encode(b"%PDF-1.4 another invoice")


@tagged("post_install", "-at_install")
class TestFrozenRecords(WorkflowCase):
    """A record is frozen with everything that makes up its meaning: its lines, the records that hang on them, its
    files and its chatter, and nothing locked goes away with the deletion of a record that is not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.folder = cls.env["fami.workflow.tester.folder"].create({"name": "Folder"})
        cls.box = cls.env["fami.workflow.tester.box"].create({"name": "Box", "folder_id": cls.folder.id})
        cls.owner = cls.env["fami.workflow.tester.owner"].create({"name": "Owner"})

    @contextmanager
    def assertRefused(self, pattern):
        """Odoo's assertRaises rolls the attempt back (a savepoint), as the end of an RPC call would."""
        with self.assertRaises(UserError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def approved_record(self, **values):
        record = self.new_record(**values)
        record.workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")
        return record

    def line(self, record, **values):
        return self.env["fami.workflow.tester.line"].with_user(self.employee).create(
            dict({"name": "Line", "tester_id": record.id}, **values))

    # ------------------------------------------------------------ records that belong to a locked one

    @mute_logger("odoo.models.unlink")
    def test_lines_follow_the_lock_of_their_record_for_every_user(self):
        draft = self.new_record(name="Draft")
        record = self.new_record(name="Budget")
        line = self.line(record)
        moving = self.line(draft, name="Moving")
        record.workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")
        lines = self.env["fami.workflow.tester.line"]
        for user in (self.employee, self.admin):
            with self.assertRefused("Line is locked: Budget is Approved.*Ask a manager"):
                line.with_user(user).write({"name": "Rewritten"})
            with self.assertRefused("Line cannot be deleted: Budget is Approved"):
                line.with_user(user).unlink()
            with self.assertRefused("Added cannot be added to Budget: Budget is Approved"):
                lines.with_user(user).create({"name": "Added", "tester_id": record.id})
            with self.assertRefused("Added cannot be added to Budget"):  # the parent given as a default
                lines.with_user(user).with_context(default_tester_id=record.id).create({"name": "Added"})
            with self.assertRefused("Line is locked"):  # moved out of the locked record
                line.with_user(user).write({"tester_id": draft.id})
            with self.assertRefused("Moving cannot be added to Budget"):  # moved into it
                moving.with_user(user).write({"tester_id": record.id})
            with self.assertRefused("locked"):  # through the record's one2many
                record.with_user(user).write({"line_ids": [(1, line.id, {"name": "Rewritten"})]})
        with self.assertRefused("Line is locked"):
            line.sudo().write({"name": "Rewritten"})
        self.assertEqual((line.name, line.tester_id, moving.tester_id), ("Line", record, draft))
        self.assertEqual(record.line_ids, line)
        # the lines of a record that is not locked stay editable; chatter fields stay writable on frozen lines
        moving.write({"name": "Moved"})
        line.with_user(self.employee).message_post(body="A comment on a locked line")
        line.with_user(self.employee).message_subscribe(partner_ids=self.manager.partner_id.ids)
        self.assertIn(self.manager.partner_id, line.message_partner_ids)

    @mute_logger("odoo.models.unlink")
    def test_a_record_frozen_through_a_one2many_path_cannot_be_repointed_or_deleted(self):
        """Like a participant with a line in an approved register: the register would credit someone else."""
        record = self.new_record(name="Register")
        self.line(record, owner_id=self.owner.id)
        other = self.env["fami.workflow.tester.owner"].create({"name": "Other owner"})
        self.owner.write({"partner_id": self.employee.partner_id.id})  # not locked yet
        record.workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")
        with self.assertRefused("Owner is locked: Register is Approved"):
            self.owner.with_user(self.employee).write({"partner_id": self.manager.partner_id.id})
        with self.assertRefused("Owner cannot be deleted: Register is Approved"):
            self.owner.with_user(self.admin).unlink()
        self.assertEqual(self.owner.partner_id, self.employee.partner_id)
        other.write({"partner_id": self.manager.partner_id.id})
        other.unlink()

    @mute_logger("odoo.models.unlink")
    def test_deleting_a_record_that_would_delete_locked_records_is_refused_naming_them(self):
        record = self.approved_record(name="Approved record", folder_id=self.folder.id)
        with self.assertRefused("Folder cannot be deleted: its deletion would also delete Approved "
                                               "record, and Approved record is Approved"):
            self.folder.with_user(self.admin).unlink()
        # two levels down: folder → box → a line of an approved record
        other_folder = self.env["fami.workflow.tester.folder"].create({"name": "Other folder"})
        box = self.env["fami.workflow.tester.box"].create({"name": "Other box", "folder_id": other_folder.id})
        self.line(self.new_record(name="Drafted"), name="Unlocked line", box_id=box.id)
        locked_line = self.env["fami.workflow.tester.line"].create(
            {"name": "Locked line", "tester_id": self.new_record(name="Soon approved").id, "box_id": box.id})
        self.approve(locked_line.tester_id)
        with self.assertRefused("Other folder cannot be deleted: its deletion would also delete "
                                               "Locked line, and Soon approved is Approved"):
            other_folder.with_user(self.employee).unlink()
        with self.assertRefused("Other box cannot be deleted: its deletion would also delete Locked "
                                               "line"):
            box.unlink()
        self.assertTrue(record.exists() and locked_line.exists() and box.exists())
        # what holds nothing locked is deleted with its records
        empty = self.env["fami.workflow.tester.folder"].create({"name": "Empty"})
        draft = self.new_record(folder_id=empty.id)
        empty.with_user(self.employee).unlink()
        self.assertFalse(draft.exists())

    def approve(self, record):
        record.workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")

    # ------------------------------------------------------------ files

    def attachment(self, record, user=None, **values):
        return self.env["ir.attachment"].with_user(user or self.employee).create(dict({
            "name": "invoice.pdf", "datas": FILE, "res_model": record._name, "res_id": record.id}, **values))

    @mute_logger("odoo.models.unlink")
    def test_files_of_a_locked_record_are_locked_with_it(self):
        record = self.new_record(name="Expense")
        invoice = self.attachment(record)
        elsewhere = self.attachment(self.new_record(name="Draft"), name="other.pdf")
        listed = self.env["ir.attachment"].with_user(self.employee).create({"name": "listed.pdf", "datas": FILE})
        record.attachment_ids = listed
        line = self.line(record)
        line_file = self.attachment(line, name="line.pdf")
        self.approve(record)
        attachments = self.env["ir.attachment"]
        for user in (self.employee, self.admin):
            refused = "The files of Expense are locked: Expense is Approved"
            with self.assertRefused(refused):
                invoice.with_user(user).write({"datas": OTHER_FILE})
            with self.assertRefused(refused):
                invoice.with_user(user).unlink()
            with self.assertRefused(refused):
                attachments.with_user(user).create({"name": "new.pdf", "datas": FILE, "res_model": record._name,
                                                    "res_id": record.id})
            with self.assertRefused(refused):  # moved away
                invoice.with_user(user).write({"res_id": elsewhere.res_id})
            with self.assertRefused(refused):  # another file moved onto the record
                elsewhere.with_user(user).write({"res_id": record.id})
            with self.assertRefused(refused):  # listed by a many2many field of the record
                listed.with_user(user).write({"datas": OTHER_FILE})
            with self.assertRefused("The files of Line are locked: Expense is Approved"):
                line_file.with_user(user).unlink()
        self.assertEqual((invoice.raw, invoice.res_id, listed.raw), (base64.b64decode(FILE), record.id,
                                                                    base64.b64decode(FILE)))
        # a share token changes nothing in the file; the files of records that are not locked stay free
        invoice.with_user(self.employee).generate_access_token()
        elsewhere.with_user(self.employee).write({"datas": OTHER_FILE})
        elsewhere.with_user(self.employee).unlink()

    def test_files_come_with_a_new_message_on_a_locked_record(self):
        record = self.approved_record(name="Expense")
        message = record.with_user(self.employee).message_post(
            body=Markup('<p>Receipt attached <img src="data:image/png;base64,iVBORw0KGgo="/></p>'),
            message_type="comment", attachments=[("receipt.txt", b"paid")])
        self.assertEqual(len(message.attachment_ids), 2)
        self.assertEqual(set(message.attachment_ids.mapped("res_id")), {record.id})

    # ------------------------------------------------------------ chatter

    @mute_logger("odoo.models.unlink")
    def test_messages_of_a_locked_record_are_locked_with_it(self):
        record = self.new_record(name="Expense").sudo()
        note = record.with_user(self.employee).message_post(body="Checked the receipt", message_type="comment",
                                                            subtype_xmlid="mail.mt_note")
        # a tracked change, logged as Odoo logs them
        tracking = record._message_log(body="", tracking_value_ids=[(0, 0, {
            "field_id": self.env["ir.model.fields"]._get(record._name, "amount").id,
            "old_value_float": 1, "new_value_float": 2})])
        self.approve(record)
        refused = "The messages of Expense are locked: Expense is Approved"
        for user in (self.employee, self.admin):
            with self.assertRefused(refused):
                note.with_user(user).write({"body": "Never checked"})
            with self.assertRefused(refused):
                note.with_user(user).unlink()
        with self.assertRefused(refused):
            tracking.with_user(self.admin).write({"body": "Nothing changed"})
        with self.assertRefused(refused):
            tracking.tracking_value_ids.with_user(self.admin).write({"old_value_char": "Rejected"})
        with self.assertRefused(refused):
            tracking.tracking_value_ids.with_user(self.admin).unlink()
        with self.assertRefused(refused):
            tracking.with_user(self.admin).unlink()
        # what the chatter's edit and delete buttons run (as superuser, once Odoo checked the author)
        with self.assertRefused(refused):
            record.with_user(self.employee)._message_update_content(note.sudo(), body="Never checked")
        with self.assertRefused(refused):
            record.with_user(self.employee)._message_update_content(note.sudo(), body="", attachment_ids=[])
        self.assertIn("Checked the receipt", note.body)
        self.assertTrue(tracking.exists() and tracking.tracking_value_ids)
        # new messages, followers and activities keep working
        record.with_user(self.employee).message_post(body="A later remark", message_type="comment")
        activity = record.activity_schedule(act_type_xmlid="mail.mail_activity_data_todo", user_id=self.manager.id,
                                            summary="Archive the file")
        activity.with_user(self.manager).action_feedback(feedback="Archived")
        self.assertIn("Archived", "".join(record.message_ids.mapped("body")))

    def test_messages_of_a_record_that_is_not_locked_follow_odoo_rules(self):
        record = self.new_record(name="Expense")
        note = record.with_user(self.employee).message_post(body="Draft remark", message_type="comment")
        record.with_user(self.employee)._message_update_content(note.sudo(), body="Corrected remark")
        self.assertIn("Corrected remark", note.body)
        note.with_user(self.admin).unlink()

    def test_nobody_posts_under_another_name_on_the_suite_records(self):
        record = self.new_record(name="Expense")
        poster = record.with_user(self.employee)
        with self.assertRefused("only under your own name"):
            poster.message_post(body="Approved, the manager", author_id=self.manager.partner_id.id)
        with self.assertRefused("only under your own name"):
            poster.message_post(body="Approved, the manager", email_from="Manager <manager@example.com>")
        with self.assertRefused("only under your own name"):
            self.env["mail.message"].with_user(self.admin).create({
                "model": record._name, "res_id": record.id, "body": "Approved", "message_type": "comment",
                "author_id": self.manager.partner_id.id})
        with self.assertRefused("recorded by Odoo"):
            self.env["mail.message"].with_user(self.employee).create({
                "model": record._name, "res_id": record.id, "body": "Changed", "tracking_value_ids": [(0, 0, {
                    "field_id": self.env["ir.model.fields"]._get(record._name, "amount").id,
                    "old_value_float": 1, "new_value_float": 2})]})
        remark = poster.message_post(body="My remark", message_type="comment")
        with self.assertRefused("only under your own name"):  # re-signed afterwards
            remark.with_user(self.employee).write({"author_id": self.manager.partner_id.id})
        self.assertFalse(record.message_ids.filtered(lambda message: message.author_id == self.manager.partner_id))
        own = poster.message_post(body="Mine", author_id=self.employee.partner_id.id)
        self.assertEqual(own.author_id, self.employee.partner_id)
        # Odoo's own rules elsewhere: the guard concerns the suite's records only
        partner = self.env["res.partner"].create({"name": "Someone"})
        other = partner.with_user(self.admin).message_post(body="Note", author_id=self.manager.partner_id.id)
        self.assertEqual(other.author_id, self.manager.partner_id)

    # ------------------------------------------------------------ cost

    def test_the_guards_do_not_look_for_locks_on_models_the_suite_does_not_govern(self):
        partner = self.env["res.partner"].create({"name": "Someone"})
        with patch.object(FamiWorkflowFrozenMixin, "_workflow_freezers", side_effect=AssertionError("looked")):
            attachment = self.attachment(partner, user=self.admin)
            attachment.with_user(self.admin).write({"datas": OTHER_FILE})
            attachment.with_user(self.admin).unlink()
            message = partner.with_user(self.admin).message_post(body="Note", message_type="comment")
            message.with_user(self.admin).write({"body": "Note corrected"})
            message.with_user(self.admin).unlink()

    def test_access_rights_come_before_the_lock(self):
        """The refusal names the record: a user who may not change it gets Odoo's access error instead."""
        self.env["ir.rule"].create({
            "name": "own testers only", "model_id": self.model.id, "domain_force": "[('create_uid', '=', user.id)]",
            "groups": [(4, self.env.ref("base.group_user").id)]})
        theirs = self.env["fami.workflow.tester"].with_user(self.manager).create({"name": "Secret", "reference": "R"})
        invoice = self.attachment(theirs, user=self.manager)
        theirs.workflow_fire("submit")
        theirs.with_user(self.manager).workflow_fire("approve")
        with self.assertRaises(AccessError):
            invoice.with_user(self.employee).unlink()
