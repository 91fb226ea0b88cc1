"""Every record in a locked workflow state is immutable through every path a user has, for every governed model.

The records come from the suite's demo data (approved courses, registers, hours, events, claimed expenses, ...),
so each governed model that ships a locked record in its demo is covered without a test written per model.
"""
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
