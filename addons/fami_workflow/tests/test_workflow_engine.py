from lxml import etree

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import check_method_name
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WorkflowCase


@tagged("post_install", "-at_install")
class TestWorkflowEngine(WorkflowCase):
    def test_three_state_path_with_reject_requiring_a_comment(self):
        record = self.new_record()
        self.assertEqual(record.workflow_id, self.workflow)
        self.assertEqual(record.workflow_state_code, "draft")
        record.workflow_fire("submit")
        self.assertEqual(record.workflow_state_code, "submitted")
        with self.assertRaisesRegex(UserError, "needs a comment"):
            record.with_user(self.manager).workflow_fire("reject")
        record.with_user(self.manager).workflow_fire("reject", comment="Missing receipt")
        self.assertEqual(record.workflow_state_code, "draft")
        record.workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")
        logs = record.workflow_log_ids.sorted("id")
        self.assertEqual(logs.mapped("transition_name"), ["Submit", "Reject", "Submit", "Approve"])
        self.assertEqual(logs[1].comment, "Missing receipt")
        self.assertEqual(logs[1].user_id, self.manager)
        self.assertEqual(record.workflow_log_count, 4)
        self.assertIn("Missing receipt", "".join(record.message_ids.mapped("body")))

    def test_user_outside_the_allowed_groups_is_refused(self):
        record = self.new_record()
        record.workflow_fire("submit")
        with self.assertRaises(AccessError):
            record.with_user(self.employee).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "submitted")

    def test_missing_required_field_blocks_the_move_naming_the_field(self):
        record = self.new_record(reference=False)
        with self.assertRaisesRegex(UserError, "Reference"):
            record.workflow_fire("submit")
        self.assertEqual(record.workflow_state_code, "draft")

    def test_transition_domain_is_a_condition(self):
        self.transition("submit").domain = "[('amount', '>', 0)]"
        record = self.new_record(amount=0)
        with self.assertRaisesRegex(UserError, "does not meet the condition"):
            record.workflow_fire("submit")
        record.amount = 10
        record.workflow_fire("submit")
        self.assertEqual(record.workflow_state_code, "submitted")

    def test_two_approver_transition_fires_only_after_two_different_users(self):
        self.transition("approve").approvals_required = 2
        record = self.new_record()
        record.workflow_fire("submit")
        self.assertFalse(record.with_user(self.manager).workflow_fire("approve"))
        self.assertEqual(record.workflow_state_code, "submitted")
        with self.assertRaisesRegex(UserError, "already approved"):
            record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "submitted")
        self.assertTrue(record.with_user(self.manager_2).workflow_fire("approve"))
        self.assertEqual(record.workflow_state_code, "approved")
        self.assertEqual(record.workflow_log_ids[:1].approver_ids, self.manager | self.manager_2)

    def test_approvals_given_before_a_rejection_do_not_count_after_resubmission(self):
        self.transition("approve").approvals_required = 2
        record = self.new_record()
        record.workflow_fire("submit")
        self.assertFalse(record.with_user(self.manager).workflow_fire("approve"))
        record.with_user(self.manager_2).workflow_fire("reject", comment="Wrong receipt")
        record.workflow_fire("submit")
        self.assertFalse(record.with_user(self.manager_2).workflow_fire("approve"))
        self.assertEqual(record.workflow_state_code, "submitted")
        self.assertTrue(record.with_user(self.manager).workflow_fire("approve"))
        self.assertEqual(record.workflow_state_code, "approved")
        self.assertEqual(record.workflow_log_ids[:1].approver_ids, self.manager | self.manager_2)

    def test_workflow_fire_over_rpc(self):
        """What /web/dataset/call_kw and XML-RPC's execute_kw run: public workflow_fire only, engine internals
        refused by name."""
        record = self.new_record()
        model = self.env["fami.workflow.tester"]
        self.assertIs(api.call_kw(model.with_user(self.employee), "workflow_fire", [record.ids, "submit"], {}), True)
        self.assertIs(api.call_kw(model.with_user(self.manager), "workflow_fire", [record.ids, "reject"],
                                  {"comment": "Missing signature"}), True)
        self.assertEqual(record.workflow_log_ids[:1].comment, "Missing signature")
        for private in ("_workflow_move", "_workflow_set", "_workflow_check_transition"):
            with self.assertRaises(AccessError):
                check_method_name(private)
        check_method_name("workflow_fire")
        with self.assertRaisesRegex(UserError, "only through the workflow"):
            api.call_kw(model.with_user(self.employee), "write", [record.ids, {"workflow_state_id":
                                                                             self.state("approved").id}], {})
        self.assertEqual(record.workflow_state_code, "draft")

    def test_state_changes_only_through_the_engine(self):
        record = self.new_record()
        with self.assertRaisesRegex(UserError, "only through the workflow"):
            record.write({"workflow_state_id": self.state("approved").id})
        with self.assertRaisesRegex(UserError, "set by its workflow"):
            self.env["fami.workflow.tester"].create({"name": "x", "workflow_state_id": self.state("approved").id})
        with self.assertRaisesRegex(UserError, "only through the workflow"):
            record.with_context(fami_workflow_engine_moving=True).write(
                {"workflow_state_id": self.state("approved").id})
        # context defaults (an RPC caller's, or a kanban column's quick create) cannot place a new record either
        approved = self.state("approved")
        created = self.env["fami.workflow.tester"].with_user(self.employee).with_context(
            default_workflow_id=self.workflow.id, default_workflow_state_id=approved.id,
            default_workflow_state_date="2020-01-01 00:00:00").create({"name": "Smuggled"})
        self.assertEqual(created.workflow_state_id, self.state("draft"))
        self.assertNotEqual(str(created.workflow_state_date), "2020-01-01 00:00:00")
        self.assertFalse(created.workflow_log_ids)

    def test_locked_record_refuses_write_and_unlink_for_admin_too(self):
        record = self.new_record()
        record.workflow_fire("submit")
        record.with_user(self.manager).workflow_fire("approve")
        admin = self.env.ref("base.user_admin")
        for user in (self.employee, admin):
            with self.assertRaisesRegex(UserError, "locked"):
                record.with_user(user).write({"name": "Changed"})
            with self.assertRaisesRegex(UserError, "locked"):
                record.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "locked"):
            record.sudo().write({"amount": 99})
        self.assertEqual(record.name, "Record")
        # fields the state leaves editable stay editable; chatter still works
        self.state("approved").editable_field_ids = self.env["ir.model.fields"]._get("fami.workflow.tester", "note")
        record.write({"note": "Archived in folder 3"})
        record.message_post(body="Still commentable")
        self.assertEqual(record.note, "Archived in folder 3")

    @mute_logger("odoo.sql_db")
    def test_log_cannot_be_altered_or_deleted(self):
        record = self.new_record()
        record.workflow_fire("submit")
        log = record.workflow_log_ids
        for user in (self.employee, self.env.ref("base.user_admin")):
            with self.assertRaisesRegex(UserError, "audit trail"):
                log.with_user(user).write({"comment": "rewritten"})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
        with self.assertRaises(UserError):
            log.sudo().write({"comment": "rewritten"})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["fami.workflow.log"].with_user(self.employee).create({"res_model": "x", "res_id": 1})

    def test_log_lines_are_read_only_by_users_who_may_read_the_record(self):
        """A line names its record and carries the comment: another organisation's staff must not read it."""
        self.env["ir.rule"].create({
            "name": "own testers only", "model_id": self.model.id, "domain_force": "[('create_uid', '=', user.id)]",
            "groups": [(4, self.env.ref("base.group_user").id)]})
        mine = self.new_record()
        theirs = self.env["fami.workflow.tester"].with_user(self.manager).create({"name": "Theirs", "reference": "R"})
        mine.workflow_fire("submit")
        theirs.workflow_fire("submit")
        theirs.workflow_fire("reject", comment="Confidential reason")
        domain = [("res_model", "=", "fami.workflow.tester"), ("res_id", "in", (mine | theirs).ids)]
        logs = self.env["fami.workflow.log"]
        self.assertEqual(len(logs.search(domain)), 3)
        self.assertEqual(logs.with_user(self.employee).search(domain).mapped("res_id"), mine.ids)
        self.assertEqual(logs.with_user(self.manager).search_count(domain), 2)
        self.assertEqual(mine.workflow_log_count, 1)
        self.assertFalse(logs.with_user(self.employee).search([("comment", "ilike", "Confidential")]))
        their_log = logs.search(domain + [("res_id", "=", theirs.id)], limit=1)
        with self.assertRaises(AccessError):
            their_log.with_user(self.employee).read(["comment"])
        with self.assertRaisesRegex(AccessError, "belong to records you have no access to"):
            their_log.with_user(self.employee).check_access("read")
        self.assertFalse(their_log.with_user(self.employee).has_access("read"))
        # the same holds for the approvals a record collects
        self.transition("approve").approvals_required = 2
        theirs.workflow_fire("submit")
        theirs.workflow_fire("approve", comment="Checked the confidential file")
        approvals = self.env["fami.workflow.approval"]
        pending = [("res_model", "=", "fami.workflow.tester"), ("res_id", "=", theirs.id)]
        self.assertEqual(approvals.search_count(pending), 1)
        self.assertEqual(approvals.with_user(self.manager).search_count(pending), 1)
        self.assertFalse(approvals.with_user(self.employee).search(pending))
        with self.assertRaises(AccessError):
            approvals.search(pending).with_user(self.employee).read(["comment"])

    def test_two_workflows_with_disjoint_domains_govern_their_own_records(self):
        self.workflow.domain = "[('amount', '<=', 5000)]"
        big = self.make_workflow("Large amounts", "[('amount', '>', 5000)]", sequence=5)
        small_record = self.new_record(amount=100)
        big_record = self.new_record(amount=9000)
        self.assertEqual(small_record.workflow_id, self.workflow)
        self.assertEqual(big_record.workflow_id, big)
        self.assertEqual(big_record.workflow_state_id, self.state("draft", big))
        big_record.workflow_fire("submit")
        self.assertEqual(big_record.workflow_log_ids.workflow_id, big)
        self.assertEqual(small_record.workflow_state_code, "draft")

    def test_kanban_columns_follow_the_workflows_of_the_records_shown(self):
        self.workflow.domain = "[('amount', '<=', 5000)]"
        big = self.make_workflow("Large amounts", "[('amount', '>', 5000)]", sequence=5)
        big.state_ids.filtered(lambda s: s.code == "submitted").name = "Submitted for audit"
        self.new_record(amount=100)
        self.new_record(amount=9000)
        tester = self.env["fami.workflow.tester"]

        def columns(domain):
            return [group["workflow_state_id"][1] for group in tester.read_group(
                domain, ["workflow_state_id"], ["workflow_state_id"])]
        self.assertEqual(columns([("amount", ">", 5000)]), ["Draft", "Submitted for audit", "Approved"])
        self.assertEqual(columns([("amount", "<=", 5000)]), ["Draft", "Submitted", "Approved"])
        self.assertEqual(len(columns([])), 6)
        self.assertEqual(len(columns([("amount", "<", 0)])), 6)  # nothing shown: the columns of every workflow

    def test_records_of_an_archived_workflow_wait_for_its_reactivation(self):
        """Archived means being redesigned (its definition is not checked): neither buttons nor RPC move records."""
        record = self.new_record()
        record.workflow_fire("submit")
        self.workflow.active = False
        self.assertEqual(record.with_user(self.manager).workflow_transition_codes, "")
        with self.assertRaisesRegex(UserError, "archived while it is redesigned"):
            record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "submitted")
        self.workflow.active = True
        record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")

    def test_definition_change_takes_effect_without_upgrade(self):
        record = self.new_record()
        record.workflow_fire("submit")
        self.assertNotIn("data-workflow-transition=\"check\"", self._form_arch())
        # a designer archives the workflow while redesigning it, then reactivates it
        self.workflow.active = False
        checked = self.env["fami.workflow.state"].create({
            "workflow_id": self.workflow.id, "code": "checked", "name": "Checked", "sequence": 3})
        self.env["fami.workflow.transition"].create([
            {"workflow_id": self.workflow.id, "code": "check", "name": "Check", "state_from_id":
             self.state("submitted").id, "state_to_id": checked.id},
            {"workflow_id": self.workflow.id, "code": "approve", "name": "Approve", "state_from_id": checked.id,
             "state_to_id": self.state("approved").id, "group_ids": [(6, 0, self.approvers.ids)]},
        ])
        self.workflow.active = True
        self.assertIn('data-workflow-transition="check"', self._form_arch())
        record.workflow_fire("check")
        self.assertEqual(record.workflow_state_code, "checked")
        record.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(record.workflow_state_code, "approved")

    def test_buttons_are_injected_and_shown_only_when_allowed(self):
        arch = self._form_arch()
        for code in ("submit", "approve", "reject"):
            self.assertIn(f'data-workflow-transition="{code}"', arch)
        record = self.new_record()
        record.workflow_fire("submit")
        self.assertEqual(record.with_user(self.employee).workflow_transition_codes, "")
        self.assertEqual(record.with_user(self.manager).workflow_transition_codes, ",approve,reject,")

    def test_list_buttons_move_the_selected_records_together(self):
        def list_buttons(user):
            arch = self.env["fami.workflow.tester"].with_user(user).get_views([(False, "list")])["views"]["list"]
            return etree.fromstring(arch["arch"]).xpath("//header/button/@data-workflow-transition")
        self.assertEqual(list_buttons(self.employee), ["submit"])
        self.assertEqual(list_buttons(self.manager), ["submit", "approve", "reject"])
        records = self.new_record() | self.new_record(name="Second") | self.new_record(name="Third")
        records.with_context(workflow_transition_code="submit").action_workflow_fire()
        records.with_user(self.manager).with_context(workflow_transition_code="approve").action_workflow_fire()
        self.assertEqual(set(records.mapped("workflow_state_code")), {"approved"})
        self.assertEqual(len(self.env["fami.workflow.log"].search([("res_model", "=", "fami.workflow.tester"),
                                                                  ("res_id", "in", records.ids)])), 6)
        with self.assertRaisesRegex(UserError, "not available"):  # a selection mixing states moves nothing
            (records | self.new_record(name="Fourth")).with_user(self.manager).workflow_fire("approve")

    def test_button_with_required_comment_opens_the_wizard(self):
        record = self.new_record()
        record.workflow_fire("submit")
        action = record.with_user(self.manager).with_context(workflow_transition_code="reject").action_workflow_fire()
        self.assertEqual(action["res_model"], "fami.workflow.comment.wizard")
        wizard = self.env["fami.workflow.comment.wizard"].with_user(self.manager).with_context(
            **action["context"]).create({"comment": "Wrong period"})
        wizard.action_confirm()
        self.assertEqual(record.workflow_state_code, "draft")
        self.assertEqual(record.workflow_log_ids[:1].comment, "Wrong period")

    def test_next_approvers_get_an_activity_closed_by_the_move(self):
        record = self.new_record()
        record.workflow_fire("submit")
        activity_type = self.env.ref("fami_workflow.mail_activity_type_workflow_approval")
        activities = record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activities.user_id, self.manager | self.manager_2)
        record.with_user(self.manager).workflow_fire("approve")
        self.assertFalse(record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))

    def test_server_actions_run_after_the_move(self):
        action = self.env["ir.actions.server"].create({
            "name": "stamp", "model_id": self.model.id, "state": "code",
            "code": "record.write({'note': 'stamped in ' + record.workflow_state_code})"})
        self.transition("submit").server_action_ids = action
        record = self.new_record()
        record.workflow_fire("submit")
        self.assertEqual(record.note, "stamped in submitted")

    def test_reminder_cron_reminds_approvers_then_the_escalation_manager_once(self):
        self.state("submitted").deadline_days = 2
        boss = self.env.ref("base.user_admin")
        self.workflow.escalation_user_id = boss
        record = self.new_record()
        record.workflow_fire("submit")
        reminder = self.env.ref("fami_workflow.mail_activity_type_workflow_reminder")
        self.env.cr.execute("UPDATE fami_workflow_tester SET workflow_state_date = now() - interval '3 days' "
                            "WHERE id = %s", [record.id])
        record.invalidate_recordset()
        self.env["fami.workflow"]._cron_remind_waiting_records()
        reminders = record.activity_ids.filtered(lambda a: a.activity_type_id == reminder)
        self.assertEqual(reminders.user_id, self.manager | self.manager_2)
        self.env.cr.execute("UPDATE fami_workflow_tester SET workflow_state_date = now() - interval '5 days' "
                            "WHERE id = %s", [record.id])
        record.invalidate_recordset()
        self.env["fami.workflow"]._cron_remind_waiting_records()
        self.env["fami.workflow"]._cron_remind_waiting_records()
        reminders = record.activity_ids.filtered(lambda a: a.activity_type_id == reminder)
        self.assertEqual(reminders.user_id, self.manager | self.manager_2 | boss)
        self.assertEqual(len(reminders), 3)

    def test_kanban_columns_are_the_workflow_states(self):
        self.new_record()
        groups = self.env["fami.workflow.tester"].read_group([], ["workflow_state_id"], ["workflow_state_id"])
        self.assertEqual([g["workflow_state_id"][1] for g in groups], ["Draft", "Submitted", "Approved"])

    def _form_arch(self):
        return etree.tostring(etree.fromstring(self.env["fami.workflow.tester"].get_views([(False, "form")])
                                               ["views"]["form"]["arch"])).decode()


@tagged("post_install", "-at_install")
class TestWorkflowDefinitionValidation(WorkflowCase):
    def test_exactly_one_initial_state(self):
        with self.assertRaisesRegex(ValidationError, "exactly one initial state"):
            self.state("submitted").is_initial = True

    def test_no_transition_from_a_final_state(self):
        with self.assertRaisesRegex(ValidationError, "leaves the final state"):
            self.env["fami.workflow.transition"].create({
                "workflow_id": self.workflow.id, "code": "reopen", "name": "Reopen",
                "state_from_id": self.state("approved").id, "state_to_id": self.state("draft").id})

    def test_every_state_reachable(self):
        with self.assertRaisesRegex(ValidationError, "no transition leads to the state"):
            self.env["fami.workflow.state"].create({"workflow_id": self.workflow.id, "code": "limbo",
                                                    "name": "Limbo"})

    def test_domain_naming_a_missing_field_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be used"):
            self.workflow.domain = "[('no_such_field', '=', 1)]"
