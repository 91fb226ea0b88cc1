"""Multi-organisation separation, end to end, through the calls a client makes (search, read, write, unlink).

Two partner organisations of the UMBRIA 2 demo project each get a member of staff (administrative staff with
personal-data rights: the widest non-manager role). Each must see and edit its own organisation's records and
neither see nor change the other's; the lead partner's manager and the Auditor see everything. Only record rules
and ACLs are involved: the calls below name no view and no action, so no view filter can hide a leak.

"The lead partner's managers" are the users of the Manager role: it is given to the capofila's project managers,
and record rules cannot tell a manager of the lead from one of another organisation, so it must not be given to
the staff of other partners (they are Administrative staff).
"""
from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from common import IntegrationCase

STAFF_GROUPS = "fami_partners.group_fami_admin_staff,fami_partners.group_fami_beneficiary_data"
# model -> (field naming the organisation, a harmless field to write)
SEPARATED = {
    "fami.expense": ("organisation_id", "payment_date"),
    "fami.budget.line": ("organisation_id", "description"),
    "fami.staff.cost": ("organisation_id", "hours"),
    "fami.staff.rate": ("budget_line_id.organisation_id", "unit_cost"),
    "fami.course": ("organisation_id", "name"),
    "fami.course.enrolment": ("course_id.organisation_id", "course_id"),
    "fami.beneficiary": ("organisation_id", "languages"),
    "fami.service.access": ("beneficiary_id.organisation_id", "outcome"),
    "account.analytic.line": ("employee_id.user_id.fami_project_partner_ids.partner_id", "name"),
    "fami.payment.request": ("organisation_ids", "name"),
    "fami.document": ("partner_id", "note"),
}
CREATED_BY_THE_TEST = {"fami.staff.cost", "fami.staff.rate", "account.analytic.line", "fami.payment.request",
                       "fami.document"}


def raw(record, name):
    """The value of a field as write() takes it."""
    value = record[name]
    return value.id if record._fields[name].type == "many2one" else value


class TestOrganisationSeparation(IntegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        links = env["fami.project.partner"].search([("role", "=", "partner")])
        # two partners of the same project, both with records of every separated model in the demo
        candidates = [link for link in links if all(
            env[model].search_count([(field, "=", link.partner_id.id)])
            for model, (field, _writable) in SEPARATED.items() if model not in CREATED_BY_THE_TEST)]
        cls.link_a = candidates[0]
        cls.link_b = next(link for link in candidates[1:] if link.project_id == cls.link_a.project_id)
        cls.project = cls.link_a.project_id
        lead = cls.project.partner_ids.filtered(lambda link: link.role == "lead")
        cls.staff_a = new_test_user(env, "sep_staff_a", groups=STAFF_GROUPS, name="Staff A")
        cls.staff_b = new_test_user(env, "sep_staff_b", groups=STAFF_GROUPS, name="Staff B")
        cls.manager = new_test_user(env, "sep_manager", groups="fami_partners.group_fami_manager", name="Lead manager")
        cls.auditor = new_test_user(env, "sep_auditor", groups="fami_partners.group_fami_auditor", name="Auditor")
        cls.link_a.user_ids = [(4, cls.staff_a.id)]
        cls.link_b.user_ids = [(4, cls.staff_b.id)]
        lead.user_ids = [(4, cls.manager.id)]
        cls._timesheets_and_staff_costs()
        cls._claims_and_documents()

    @classmethod
    def _timesheets_and_staff_costs(cls):
        """Demo data has no timesheet of a linked user nor any staff cost: one of each per organisation."""
        env = cls.env
        timesheet_project = cls.project._get_timesheet_project()
        for index, (user, link) in enumerate(((cls.staff_a, cls.link_a), (cls.staff_b, cls.link_b))):
            employee = env["hr.employee"].create({"name": f"Employee of {user.name}", "user_id": user.id})
            env["account.analytic.line"].with_user(user).create({
                "name": "Mediazione", "fami_is_mediation": True, "fami_project_id": cls.project.id,
                "project_id": timesheet_project.id, "employee_id": employee.id, "date": "2026-03-02",
                "unit_amount": 2, "fami_time_start": 9, "fami_time_end": 11})
            line = env["fami.budget.line"].search([("organisation_id", "=", link.partner_id.id)], limit=1)
            env["fami.staff.rate"].create({"employee_id": employee.id, "year": 2026, "method": "unit_cost",
                                           "unit_cost": 20 + index, "budget_line_id": line.id})
            env["fami.staff.cost"].create({"employee_id": employee.id, "month": "2026-03-01", "hours": 2,
                                           "hourly_rate": 20 + index, "budget_line_id": line.id})

    @classmethod
    def _claims_and_documents(cls):
        """The demo has one organisation's claim and few documents of the partners: one of each per organisation."""
        for link in (cls.link_a, cls.link_b):
            cls.env["fami.payment.request"].create({
                "name": f"Domanda di {link.partner_id.name}", "project_id": cls.project.id,
                "date_from": "2026-01-01", "date_to": "2026-06-30", "organisation_ids": [(6, 0, link.partner_id.ids)]})
            cls.env["fami.document"].create({
                "document_type_id": cls.env.ref("fami_partners.document_type_durc").id,
                "partner_id": link.partner_id.id, "number": f"INPS_{link.id}", "date_expiry": "2026-12-31"})

    def owned(self, model, link):
        field = SEPARATED[model][0]
        domain = [(field, "=", link.partner_id.id)]
        if model == "account.analytic.line":
            domain.append(("fami_project_id", "=", self.project.id))
        records = self.env[model].with_context(active_test=False).search(domain)
        self.assertTrue(records, f"no {model} of {link.partner_id.name} to test with")
        return records

    def test_staff_see_and_edit_only_their_organisation(self):
        for model, (_field, writable) in SEPARATED.items():
            mine, theirs = self.owned(model, self.link_a), self.owned(model, self.link_b)
            as_a = self.env[model].with_user(self.staff_a).with_context(active_test=False)
            with self.subTest(model=model):
                visible = as_a.search([])
                self.assertEqual(visible & mine, mine, f"{model}: staff A does not see its own records")
                self.assertFalse(visible & theirs, f"{model}: staff A sees partner B's records")
                self.assertFalse(as_a.search([("id", "in", theirs.ids)]), f"{model}: search by id leaks")
                self.assertEqual(as_a.search_count([("id", "in", theirs.ids)]), 0)
                self.assertFalse({row["id"] for row in as_a.search_read([], ["id"])} & set(theirs.ids))
                if "name" in as_a._fields or as_a._rec_name:
                    found = {record_id for record_id, _name in as_a.name_search("", limit=10000)}
                    self.assertFalse(found & set(theirs.ids), f"{model}: name_search leaks")
                mine[:1].with_user(self.staff_a).check_access("write")
                with self.assertRaises(AccessError, msg=f"{model}: staff A reads partner B's record"), \
                        mute_logger("odoo.addons.base.models.ir_rule"):
                    theirs[:1].with_user(self.staff_a).read([writable])
                # all of them, locked ones included: refusing a locked record must not name it to a stranger
                before = raw(theirs[:1], writable)
                with self.assertRaises(AccessError, msg=f"{model}: staff A writes partner B's record"), \
                        mute_logger("odoo.addons.base.models.ir_rule"):
                    theirs.with_user(self.staff_a).write({writable: before})
                with self.assertRaises(AccessError, msg=f"{model}: staff A deletes partner B's record"), \
                        mute_logger("odoo.addons.base.models.ir_rule"):
                    theirs[:1].with_user(self.staff_a).unlink()
                self.assertTrue(theirs[:1].exists())

    def test_workflow_buttons_move_only_records_the_user_may_change(self):
        """workflow_fire is callable over RPC with any ids: it must not move another organisation's record, nor let
        the read-only Auditor move anything."""
        governed = [model for model in SEPARATED if "workflow_state_id" in self.env[model]._fields]
        covered = 0
        for model in governed:
            for user, records in ((self.staff_a, self.owned(model, self.link_b)),
                                  (self.auditor, self.owned(model, self.link_a))):
                for record in records.filtered(lambda r: not r.workflow_state_id.is_final):
                    transitions = self.env["fami.workflow.transition"].search([
                        ("state_from_id", "=", record.workflow_state_id.id), ("comment_required", "=", False)])
                    for transition in transitions.filtered(lambda t, u=user: t._is_allowed(u)):
                        state = record.workflow_state_id
                        with self.subTest(model=model, user=user.name, transition=transition.code), \
                                self.assertRaises(AccessError), self.env.cr.savepoint(), \
                                mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model"):
                            record.with_user(user).workflow_fire(transition.code)
                        record.invalidate_recordset()
                        self.assertEqual(record.workflow_state_id, state)
                        covered += 1
        self.assertGreater(covered, 0, "no demo record has a transition these users may fire")

    def test_separation_is_symmetric(self):
        for model in SEPARATED:
            with self.subTest(model=model):
                visible = self.env[model].with_user(self.staff_b).with_context(active_test=False).search([])
                self.assertFalse(visible & self.owned(model, self.link_a), f"{model}: staff B sees partner A's")
                self.assertTrue(visible & self.owned(model, self.link_b), f"{model}: staff B sees nothing of its own")

    def test_lead_manager_and_auditor_see_every_organisation(self):
        for user in (self.manager, self.auditor):
            for model in SEPARATED:
                both = self.owned(model, self.link_a) | self.owned(model, self.link_b)
                with self.subTest(user=user.name, model=model):
                    visible = self.env[model].with_user(user).with_context(active_test=False).search(
                        [("id", "in", both.ids)])
                    self.assertEqual(visible, both)
                    both.with_user(user).check_access("read")

    def test_the_auditor_changes_nothing(self):
        for model, (_field, writable) in SEPARATED.items():
            record = self.owned(model, self.link_a)[:1]
            with self.subTest(model=model), self.assertRaises(AccessError), \
                    mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"):
                record.with_user(self.auditor).write({writable: raw(record, writable)})
            with self.subTest(model=model, operation="unlink"), self.assertRaises(AccessError), \
                    mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"):
                record.with_user(self.auditor).unlink()

    def test_a_user_without_organisation_sees_no_organisation_data(self):
        stranger = new_test_user(self.env, "sep_stranger", groups=STAFF_GROUPS, name="Not linked")
        for model in SEPARATED:
            with self.subTest(model=model):
                both = self.owned(model, self.link_a) | self.owned(model, self.link_b)
                self.assertFalse(self.env[model].with_user(stranger).search([("id", "in", both.ids)]))

    def test_moving_a_user_to_another_organisation_moves_what_they_see(self):
        expenses_b = self.owned("fami.expense", self.link_b)
        as_a = self.env["fami.expense"].with_user(self.staff_a)
        self.assertFalse(as_a.search([("id", "in", expenses_b.ids)]))
        self.link_b.user_ids = [(4, self.staff_a.id)]
        self.assertEqual(as_a.search([("id", "in", expenses_b.ids)]), expenses_b)
        self.link_b.user_ids = [(3, self.staff_a.id)]
        self.assertFalse(as_a.search([("id", "in", expenses_b.ids)]))


class TestDemoUsersAcrossOrganisations(IntegrationCase):
    """The holes of issue 15, tried as the demo users of the user guide through the calls a client makes over RPC
    (search_read, read, export, read_group, the claim's buttons): amministrativo and mediatore work for C.i.d.i.s.,
    formatore for Frontiera Lavoro, revisore audits, responsabile manages the lead partner's project."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {login: cls.env.ref(f"fami_partners.demo_user_{login}") for login in (
            "responsabile", "amministrativo", "formatore", "mediatore", "revisore")}
        cls.claim = cls.env.ref("fami_reporting.demo_claim_1")
        cls.special = cls.env["fami.target.group"].search([("is_special_category", "=", True)])

    def as_user(self, login, model):
        return self.env[model].with_user(self.users[login])

    def refused(self, function):
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule",
                                                         "odoo.addons.base.models.ir_model"), self.env.cr.savepoint():
            function()

    def test_a_trainer_reads_and_moves_no_mediation_hours(self):
        draft = self.env["account.analytic.line"].search(
            [("fami_is_mediation", "=", True), ("workflow_state_code", "=", "draft")], limit=1)
        self.assertTrue(draft)
        # trainers record their own hours on timesheets (fami_verification): they search them, and find none of the
        # mediation hours of another organisation's people, nor read one by its id
        trainer = self.users["formatore"]
        found = self.as_user("formatore", "account.analytic.line").search_read(
            [("fami_is_mediation", "=", True)], ["unit_amount", "employee_id"])
        others = self.env["account.analytic.line"].browse([row["id"] for row in found]).filtered(
            lambda line: line.user_id != trainer
            and not line.employee_id.user_id.fami_organisation_ids & trainer.fami_organisation_ids)
        self.assertFalse(others)
        self.refused(lambda: draft.with_user(trainer).read(["unit_amount", "employee_id"]))
        self.refused(lambda: draft.with_user(self.users["formatore"]).workflow_fire("submit"))

    def test_claims_and_their_workbook_are_read_by_their_partners_only(self):
        self.assertEqual(self.as_user("amministrativo", "fami.payment.request").search_read(
            [("id", "=", self.claim.id)], ["amount_total"])[0]["id"], self.claim.id)
        self.assertFalse(self.as_user("formatore", "fami.payment.request").search_read([], ["amount_total"]))
        self.refused(lambda: self.claim.with_user(self.users["formatore"]).read(["amount_total", "workbook"]))
        # the claim is sent: its readers download the workbook kept when it was sent, and write nothing
        self.assertTrue(self.claim.workflow_locked)
        sent = self.claim.workbook
        for login in ("mediatore", "revisore"):
            with self.subTest(user=login):
                action = self.claim.with_user(self.users[login]).action_export_workbook()
                self.assertIn(f"/web/content/fami.payment.request/{self.claim.id}/workbook/", action["url"])
                self.assertEqual(self.claim.with_user(self.users[login]).workbook, sent)
        self.refused(lambda: self.claim.with_user(self.users["formatore"]).action_export_workbook())

    def test_documents_of_other_organisations_are_not_read(self):
        tamat_durc = self.env.ref("fami_partners.demo_document_durc_tamat_old")
        self.assertFalse(self.as_user("amministrativo", "fami.document").search([("id", "=", tamat_durc.id)]))
        self.refused(lambda: tamat_durc.with_user(self.users["amministrativo"]).read(["number"]))
        self.assertTrue(self.as_user("revisore", "fami.document").search([("id", "=", tamat_durc.id)]))

    def test_special_category_groups_stay_aggregate(self):
        self.assertTrue(self.special)
        people = self.env["fami.beneficiary"].search([("target_group_ids", "in", self.special.ids)])
        for login in ("amministrativo", "mediatore", "revisore"):
            with self.subTest(user=login):
                Beneficiary = self.as_user(login, "fami.beneficiary")
                rows = Beneficiary.search_read([("id", "in", people.ids)],
                                               ["country_id", "gender", "age_band", "public_target_group_ids"])
                self.assertFalse({group for row in rows for group in row["public_target_group_ids"]}
                                 & set(self.special.ids))
                self.refused(lambda b=Beneficiary: b.search_read([], ["target_group_ids"]))
                self.refused(lambda b=Beneficiary: b.search([("target_group_ids", "in", self.special.ids)]))
        counts = self.as_user("revisore", "fami.target.group").browse(self.special.ids).mapped("beneficiary_count")
        self.assertEqual(sum(counts), sum(self.env["fami.beneficiary"].search_count(
            [("target_group_ids", "=", group.id)]) for group in self.special))
