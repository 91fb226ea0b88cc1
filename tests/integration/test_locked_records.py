"""Every record in a locked workflow state is immutable through every path a user has, for every governed model.

The records come from the suite's demo data (approved courses, registers, hours, events, claimed expenses, ...),
so each governed model that ships a locked record in its demo is covered without a test written per model.
"""
import base64

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from common import IntegrationCase

REFUSED = (UserError, ValidationError, AccessError)
WRITABLE_TYPES = ("char", "text", "float", "integer", "monetary", "date")


def governed_models(env):
    return sorted(name for name, model in env.registry.items()
                  if "workflow_state_id" in model._fields and not model._abstract and not model._transient
                  and name != "fami.workflow.mixin")


def tamperable_field(record):
    """A plain stored field of the record that its locked state does not leave editable."""
    editable = set(record.workflow_state_id.editable_field_ids.mapped("name"))
    for name, field in record._fields.items():
        if field.type in WRITABLE_TYPES and field.store and not field.compute and not field.related \
                and not field.readonly and name not in editable and not name.startswith(("message_", "activity_")):
            return name
    return None


def tampered_value(record, name):
    field = record._fields[name]
    if field.type in ("char", "text"):
        return f"{record[name] or ''} (tampered)"
    if field.type == "date":
        return "1999-12-31"
    return (record[name] or 0) + 1


class TestLockedRecords(IntegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.locked = {}
        for name in governed_models(cls.env):
            record = cls.env[name].search([("workflow_state_id.locked", "=", True)], limit=1)
            field = tamperable_field(record) if record else None
            if field:
                cls.locked[name] = (record, field)

    def assert_refused(self, attempt, what):
        try:
            attempt()
        except REFUSED:
            return
        self.fail(f"{what} was not refused")

    def assert_unchanged(self, record, name, value):
        record.invalidate_recordset()
        self.assertTrue(record.exists(), f"{record} disappeared")
        self.assertEqual(record[name], value, f"{record}.{name} changed")

    def test_demo_data_has_locked_records_of_the_main_governed_models(self):
        # Without locked demo records the other tests of this class would prove nothing.
        self.assertTrue(set(self.locked) >= {"fami.course", "fami.expense"}, sorted(self.locked))

    @mute_logger("odoo.models.unlink", "odoo.sql_db")
    def test_write_and_unlink_are_refused_through_every_path(self):
        for model, (record, name) in self.locked.items():
            value, new = record[name], tampered_value(record, name)
            as_admin = record.with_user(self.admin)
            paths = {
                "form save": lambda r=as_admin, n=name, v=new: r.web_save({n: v}, {}),
                "rpc write": lambda r=as_admin, n=name, v=new: r.write({n: v}),
                "mass edit": lambda r=as_admin, n=name, v=new: (r | r.search([], limit=3)).write({n: v}),
                "rpc unlink": lambda r=as_admin: r.unlink(),
                "server action": lambda r=record, n=name, v=new: self.env["ir.actions.server"].create({
                    "name": "tamper", "model_id": self.env["ir.model"]._get_id(r._name), "state": "code",
                    "code": f"record.write({{{n!r}: {v!r}}})",
                }).with_user(self.admin).with_context(active_model=r._name, active_id=r.id, active_ids=r.ids).run(),
            }
            for path, attempt in paths.items():
                with self.subTest(model=model, path=path):
                    self.assert_refused(attempt, f"{path} of {record}")
                    self.assert_unchanged(record, name, value)

    def test_import_cannot_overwrite_a_locked_record(self):
        for model, (record, name) in self.locked.items():
            with self.subTest(model=model):
                value = record[name]
                external_id = record.get_external_id()[record.id] or record.export_data(["id"])["datas"][0][0]
                result = self.env[model].with_user(self.admin).load(["id", name], [[external_id,
                                                                                    str(tampered_value(record, name))]])
                self.assertTrue(any(message["type"] == "error" for message in result["messages"]), result)
                self.assert_unchanged(record, name, value)

    def test_one2many_edits_from_a_parent_are_refused(self):
        covered = 0
        for model, (record, name) in self.locked.items():
            for parent_model_name, parent_model in self.env.registry.items():
                for field in parent_model._fields.values():
                    if field.type != "one2many" or field.comodel_name != model:
                        continue
                    parent = record[field.inverse_name] if field.inverse_name in record._fields else None
                    if not parent or parent._name != parent_model_name:
                        continue
                    value = record[name]
                    with self.subTest(model=model, parent=f"{parent_model_name}.{field.name}"):
                        for command in (Command.update(record.id, {name: tampered_value(record, name)}),
                                        Command.delete(record.id)):
                            self.assert_refused(lambda p=parent, f=field.name, c=command: p.with_user(
                                self.admin).write({f: [c]}), f"{command} from {parent}")
                            self.assert_unchanged(record, name, value)
                    covered += 1
        self.assertGreater(covered, 0, "no locked demo record is reachable through a parent's one2many")


class TestConcurrentApproval(IntegrationCase):
    def test_two_managers_firing_at_once_give_one_move(self):
        """Two transactions fire the same transition on the same record: the second is refused, not doubled."""
        first_cursor = self.registry.cursor()
        second_cursor = self.registry.cursor()
        try:
            first = api.Environment(first_cursor, api.SUPERUSER_ID, {})
            second = api.Environment(second_cursor, api.SUPERUSER_ID, {})
            fired = self._fire_any(first)
            self.assertTrue(fired, "no demo record has a transition the administrator can fire")
            model, record_id, code = fired
            logs_before = second["fami.workflow.log"].search_count([("res_model", "=", model),
                                                                      ("res_id", "=", record_id)])
            with self.assertRaisesRegex(UserError, "being moved by another user"), mute_logger("odoo.sql_db"):
                second[model].browse(record_id).workflow_fire(code)
            second_cursor.rollback()
            self.assertEqual(second["fami.workflow.log"].search_count([("res_model", "=", model),
                                                                       ("res_id", "=", record_id)]), logs_before)
        finally:
            first_cursor.rollback()
            second_cursor.rollback()
            first_cursor.close()
            second_cursor.close()

    @staticmethod
    def _fire_any(env):
        for name in governed_models(env):
            for record in env[name].search([("workflow_state_id.is_final", "=", False),
                                            ("workflow_state_id", "!=", False)], limit=20):
                transitions = env["fami.workflow.transition"].search([
                    ("state_from_id", "=", record.workflow_state_id.id), ("approvals_required", "=", 1),
                    ("comment_required", "=", False)])
                for transition in transitions:
                    try:
                        with env.cr.savepoint():
                            record.workflow_fire(transition.code)
                    except REFUSED:
                        continue
                    return name, record.id, transition.code
        return None


FILE = base64.b64encode(b"%PDF-1.4 replaced")


class TestAroundTheLock(IntegrationCase):
    """What hangs off a locked record is locked with it, tried as the demo users: the files and chatter of a claimed
    expense, the lines of an approved budget, the participants of an approved register, and the records whose
    deletion would take them along. Each attempt runs in a savepoint, as an RPC call's transaction would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {login: cls.env.ref(f"fami_partners.demo_user_{login}")
                 for login in ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")}
        cls.manager, cls.staff, cls.trainer = users["responsabile"], users["amministrativo"], users["formatore"]
        cls.admin = cls.env.ref("base.user_admin")
        cls.claimed = cls.env.ref("fami_reporting.demo_expense_1")
        cls.claim = cls.env.ref("fami_reporting.demo_claim_1")
        cls.budget = cls.env.ref("fami_reporting.demo_budget_umbria2")

    def refused(self, attempt, what):
        try:
            with self.env.cr.savepoint():
                attempt()
        except REFUSED:
            return
        self.fail(f"{what} was not refused")

    def test_the_demo_records_are_locked(self):
        # without them the other tests of this class would prove nothing
        self.assertEqual((self.claimed.workflow_state_code, self.claim.workflow_state_code,
                          self.budget.workflow_state_code), ("claimed", "submitted", "approved"))
        self.assertEqual(self.env.ref("fami_activities.demo_session_02_1").workflow_state_code, "approved")

    @mute_logger("odoo.models.unlink")
    def test_the_files_of_a_claimed_expense_cannot_be_replaced_or_deleted(self):
        files = self.env["ir.attachment"].search([("res_model", "=", "fami.expense"), ("res_id", "=", self.claimed.id),
                                                  ("res_field", "in", ("document_file", "payment_proof"))])
        self.assertEqual(len(files), 2, "the invoice and the proof of payment of the claimed expense")
        contents = files.mapped("raw")
        elsewhere = self.env.ref("fami_reporting.demo_expense_5")
        for user in (self.staff, self.manager):
            for file in files.with_user(user):
                self.refused(lambda f=file: f.write({"datas": FILE}), f"{user.login} replacing {file.name}")
                self.refused(lambda f=file: f.write({"res_id": elsewhere.id}), f"{user.login} moving {file.name}")
                self.refused(file.unlink, f"{user.login} deleting {file.name}")
            self.refused(lambda u=user: self.env["ir.attachment"].with_user(u).create({
                "name": "fattura-bis.pdf", "datas": FILE, "res_model": "fami.expense", "res_id": self.claimed.id}),
                f"{user.login} adding a file")
        self.env.invalidate_all()
        self.assertEqual(files.exists().mapped("raw"), contents)
        self.assertEqual(self.claimed.document_file, base64.b64encode(contents[0]))

    @mute_logger("odoo.models.unlink")
    def test_the_chatter_of_a_claimed_expense_cannot_be_rewritten(self):
        # a tracked change, logged as Odoo logs them (demo data is loaded without tracking)
        tracked = self.claimed._message_log(body="", tracking_value_ids=[(0, 0, {
            "field_id": self.env["ir.model.fields"]._get("fami.expense", "taxable_amount").id,
            "old_value_float": 1000, "new_value_float": 1200})])
        messages = self.env["mail.message"].search([("model", "=", "fami.expense"), ("res_id", "=", self.claimed.id)])
        self.assertGreater(len(messages), 3, "the engine's notes on the demo expense's moves are in its chatter")
        bodies = {message.id: message.body for message in messages}
        for user in (self.staff, self.manager):
            for message in messages.with_user(user):
                self.refused(lambda m=message: m.write({"body": "<p>Tutto regolare</p>"}), f"{user.login} editing")
                self.refused(message.unlink, f"{user.login} deleting a message")
        for attempt in (lambda: tracked.with_user(self.admin).tracking_value_ids.write({"old_value_char": "x"}),
                        lambda: tracked.with_user(self.admin).tracking_value_ids.unlink()):
            self.refused(attempt, "the administrator rewriting a tracked change")
        # a new note can be posted; then it is evidence like the rest, through the chatter's own edit and delete
        note = self.claimed.with_user(self.staff).message_post(body="Verificato l'originale", message_type="comment",
                                                               subtype_xmlid="mail.mt_note")
        thread = self.claimed.with_user(self.staff)
        self.refused(lambda: thread._message_update_content(note.sudo(), body="Mai verificato"), "editing a note")
        self.refused(lambda: thread._message_update_content(note.sudo(), body="", attachment_ids=[]),
                     "deleting a note from the chatter")
        self.env.invalidate_all()
        self.assertEqual({message.id: message.body for message in messages.exists()}, bodies)
        self.assertIn("Verificato l'originale", note.body)

    def test_nobody_posts_under_another_persons_name(self):
        # each user on a record they may post on: a claimed expense of their organisation, their own course
        for user, record in ((self.staff, self.claimed), (self.manager, self.env.ref("fami_activities.demo_course_02")),
                             (self.trainer, self.env.ref("fami_activities.demo_course_10"))):
            thread = record.with_user(user)
            self.assertTrue(thread.has_access("write"), f"{user.login} may post on {record.display_name}")
            other = self.staff if user == self.manager else self.manager
            self.refused(lambda t=thread, o=other: t.message_post(body="Approvato", author_id=o.partner_id.id),
                         f"{user.login} posting as {other.login}")
            self.refused(lambda t=thread, o=other: t.message_post(body="Approvato", email_from=o.email_formatted),
                         f"{user.login} posting with the address of {other.login}")
            self.refused(lambda u=user, r=record, o=other: self.env["mail.message"].with_user(u).create({
                "model": r._name, "res_id": r.id, "body": "Approvato", "message_type": "comment",
                "author_id": o.partner_id.id}), f"{user.login} creating a message as {other.login}")
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Approvato")]))
        own = self.claimed.with_user(self.staff).message_post(body="Ricevuta consegnata", message_type="comment")
        self.assertEqual(own.author_id, self.staff.partner_id)
        draft = self.env.ref("fami_reporting.demo_expense_4").with_user(self.manager)
        remark = draft.message_post(body="Da verificare", message_type="comment")
        self.refused(lambda: remark.with_user(self.manager).write({"author_id": self.staff.partner_id.id}),
                     "re-signing a message with another person's name")
        self.assertEqual(remark.author_id, self.manager.partner_id)

    @mute_logger("odoo.models.unlink")
    def test_the_lines_of_an_approved_budget_cannot_be_rewritten_added_or_deleted(self):
        line = self.env.ref("fami_reporting.demo_budget_line_cidis_b6")
        before = (len(self.budget.line_ids), self.budget.planned_total, line.unit_cost, line.category_id)
        other_category = self.env.ref("fami_reporting.cost_category_b5")
        for user in (self.staff, self.manager):
            mine = line.with_user(user)
            self.refused(lambda m=mine: m.write({"unit_cost": 10 ** 7}), f"{user.login} rewriting a line")
            self.refused(lambda m=mine: m.write({"category_id": other_category.id}), f"{user.login} recategorising")
            self.refused(mine.unlink, f"{user.login} deleting a line")
            self.refused(lambda u=user: self.env["fami.budget.line"].with_user(u).create({
                "budget_id": self.budget.id, "action_id": line.action_id.id, "organisation_id": line.organisation_id.id,
                "category_id": line.category_id.id, "quantity": 1, "unit_cost": 10 ** 6}),
                f"{user.login} adding a line")
        self.env.invalidate_all()
        self.assertEqual((len(self.budget.line_ids), self.budget.planned_total, line.unit_cost, line.category_id),
                         before)

    def test_changing_a_lines_category_does_not_move_a_submitted_claims_expenses(self):
        """The line of a draft budget version may change category; what a submitted claim holds keeps its own."""
        new = self.env["fami.budget"].browse(self.budget.action_new_version()["res_id"])
        line = new.line_ids.filtered(lambda candidate: candidate.previous_line_id == self.env.ref(
            "fami_reporting.demo_budget_line_cidis_b6"))
        services = line.category_id
        expense = self.env["fami.expense"].create({
            "project_id": new.project_id.id, "organisation_id": line.organisation_id.id, "budget_line_id": line.id,
            "supplier_id": self.claimed.supplier_id.id, "document_number": "FT-2026/901",
            "document_date": self.claim.date_to, "taxable_amount": 1000, "vat_amount": 220,
            "document_file": FILE, "payment_proof": FILE})
        for code in ("submit", "check", "approve"):
            expense.workflow_fire(code)
        declaration = self.env["fami.partner.declaration"].create({  # validated by the lead partner: claimable
            "project_id": new.project_id.id, "organisation_id": line.organisation_id.id,
            "date_from": self.claim.date_from, "date_to": self.claim.date_to, "expense_ids": [(6, 0, expense.ids)]})
        declaration.workflow_fire("submit")
        declaration.workflow_fire("validate")
        claim = self.env["fami.payment.request"].create({
            "name": "Domanda di rimborso intermedia n. 2", "project_id": new.project_id.id,
            "organisation_ids": [(6, 0, line.organisation_id.ids)], "date_from": self.claim.date_from,
            "date_to": self.claim.date_to})
        claim.action_collect_items()
        claim.workflow_fire("submit")
        self.assertEqual(expense.payment_request_id, claim)
        totals, workbook = str(claim.totals_html), claim._workbook_data()[1]
        line.with_user(self.manager).write({"category_id": self.env.ref("fami_reporting.cost_category_b5").id})
        self.env.invalidate_all()
        self.assertEqual(expense.category_id, services)
        self.assertEqual(str(claim.totals_html), totals)
        self.assertEqual(claim._workbook_data()[1], workbook)

    @mute_logger("odoo.models.unlink")
    def test_an_enrolment_in_an_approved_register_cannot_be_repointed_or_deleted(self):
        session = self.env.ref("fami_activities.demo_session_02_1")
        enrolment = session.attendance_ids[:1].enrolment_id
        person, course = enrolment.partner_id, enrolment.course_id
        somebody_else = self.env.ref("fami_activities.demo_operator_06")
        other_course = self.env.ref("fami_activities.demo_course_01")
        for user in (self.staff, self.manager):
            mine = enrolment.with_user(user)
            self.refused(lambda m=mine: m.write({"partner_id": somebody_else.id}), f"{user.login} re-pointing")
            self.refused(lambda m=mine: m.write({"course_id": other_course.id}), f"{user.login} moving to a course")
            self.refused(mine.unlink, f"{user.login} deleting a participant of an approved register")
        self.env.invalidate_all()
        self.assertEqual((enrolment.partner_id, enrolment.course_id), (person, course))
        self.assertIn(enrolment, session.attendance_ids.enrolment_id)

    @mute_logger("odoo.models.unlink")
    def test_deleting_a_course_or_participant_does_not_take_an_approved_register_with_it(self):
        course = self.env["fami.course"].create({
            "name": "Corso in svolgimento", "kind": "operators", "project_id": self.claimed.project_id.id,
            "organisation_id": self.env.ref("fami_partners.demo_partner_cidis").id,
            "enrolment_ids": [(0, 0, {"partner_id": self.env.ref("fami_activities.demo_operator_06").id})]})
        session = self.env["fami.course.session"].create({
            "course_id": course.id, "start": "2026-03-02 08:00:00", "stop": "2026-03-02 11:00:00"})
        session.action_fill_register()
        session.workflow_fire("submit")
        session.workflow_fire("approve")
        self.assertFalse(course.workflow_locked, "the course itself is not locked: only its register is")
        delivered = course.training_hours_delivered
        for user in (self.staff, self.manager):
            self.refused(course.with_user(user).unlink, f"{user.login} deleting the course")
            self.refused(course.enrolment_ids.with_user(user).unlink, f"{user.login} deleting its participant")
        self.env.invalidate_all()
        self.assertTrue(session.exists() and session.attendance_ids and course.enrolment_ids)
        self.assertEqual(course.training_hours_delivered, delivered)

    def test_every_deletion_that_cascades_to_a_frozen_record_is_guarded(self):
        """The guard of a deletion sits on the deleted model: a cascade from a frozen-capable model must point at a
        model that inherits the frozen mixin too, and every path of _workflow_frozen_by at such a model."""
        frozen = {name for name in self.env.registry.descendants(["fami.workflow.frozen.mixin"], "_inherit")
                  if not self.env[name]._abstract}
        unguarded = [f"{name}.{field.name} → {field.comodel_name}" for name in sorted(frozen)
                     for field in self.env[name]._fields.values()
                     if field.type == "many2one" and field.store and field.ondelete == "cascade"
                     and field.comodel_name not in frozen]
        self.assertEqual(unguarded, [])
        for name in sorted(frozen):
            for path in self.env[name]._workflow_frozen_by:
                with self.subTest(model=name, path=path):
                    self.assertIn(self.env[name].mapped(path)._name, frozen)
        self.assertTrue({"fami.budget.line", "fami.attendance", "fami.course.enrolment", "fami.expense",
                         "fami.staff.cost"} <= frozen)
