"""Hostile input, sent the way a client sends it: ORM calls as non-admin users (what JSON-RPC and XML-RPC run).

Each refused input must raise a ValidationError / UserError / AccessError whose message names the field (or the
file), and leave the database as it was. The bounds of the issue (amounts, counts, dates) are sent as the demo
users, through XML-RPC's marshalling and Odoo's call_kw, and flushed as the RPC layer does before it commits: a
value the database itself refuses would come back as a raw error instead of a message. Every refused call runs in
a savepoint, as the RPC layer runs a request in a transaction it rolls back on error, and the counts of the
suite's tables are compared before and after.

What is accepted on purpose, and why:
- 10,000-character names: PostgreSQL stores them whole, screens and reports wrap them; a limit would only break
  long official titles. They are stored and found again unchanged.
- SQL-looking text in search boxes: the ORM passes it as a parameter; it is searched for as text.
- HTML/script in plain text fields: stored as typed and escaped wherever it is shown (reports checked below);
  in HTML fields the sanitizer removes it.
- A 50 MB attachment: accepted and stored whole in the filestore. Scanned giustificativi can be large; the web
  client refuses uploads above its own limit (web.max_file_upload_size, 128 MB by default), which protects the
  server, and nothing in the suite reads an attachment into memory except to download it.
"""
import base64
import hashlib
import io
import os
import xmlrpc.client
import zipfile
from datetime import date

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from odoo.addons.fami_workflow.lib import bounds

from common import IntegrationCase

SCRIPT = "<script>alert('fami')</script>"
ESCAPED = "&lt;script&gt;alert("
# (% and _ are LIKE wildcards that Odoo passes on by design: "_%" finds everything, which is not an injection)
SQL_LIKE = ["'; DROP TABLE fami_course; --", "%' OR 1=1 --", "\\'; SELECT pg_sleep(5); --", "' UNION SELECT 1 --"]
COUNTED = ["fami.course", "fami.course.session", "fami.course.enrolment", "fami.attendance", "fami.beneficiary",
           "fami.expense", "fami.staff.rate", "fami.staff.cost", "account.analytic.line", "fami.event",
           "fami.indicator", "fami.workflow.log", "ir.attachment", "res.partner", "fami.budget.line",
           "fami.research"]
BILLION = "1,000,000,000.00"
INT32 = "2,147,483,647"
# Number and date fields of the suite without the bound of their type, each for a reason (lib/bounds.py): a new
# field outside the bounds must be added here deliberately.
UNBOUNDED = {
    ("*", "workflow_state_date"): "the moment of the last move, stamped by the workflow engine",
    ("fami.beneficiary", "birth_date"): "its own rule: not in the future, at most 120 years ago",
    ("fami.beneficiary.access.log", "date"): "stamped by the server",
    ("fami.certificate.reissue", "date"): "stamped by the server",
    ("fami.workflow.log", "date"): "stamped by the engine",
}
OWN_BOUND = {  # field: the bound declared instead of the type's
    ("fami.beneficiary", "permit_expiry"): bounds.DOCUMENT,
    ("fami.document", "date_issue"): bounds.DOCUMENT,
    ("fami.document", "date_expiry"): bounds.DOCUMENT,
    ("fami.document", "reminder_date"): bounds.DOCUMENT,
    ("fami.budget.line", "quantity"): bounds.AMOUNT_CAP,
    ("fami.budget.line", "unit_cost"): bounds.AMOUNT_CAP,
    ("fami.expense", "taxable_amount"): bounds.AMOUNT_CAP,
    ("fami.expense", "vat_amount"): bounds.AMOUNT_CAP,
    ("fami.monitoring.indicator.line", "value_period"): bounds.COMPUTED_AMOUNT,  # may fall since the last return
    ("fami.document.type", "validity_days"): bounds.DAYS,
    ("fami.project", "date_start"): bounds.PROJECT,
    ("fami.project", "date_end"): bounds.PROJECT,
    ("fami.project", "agreement_guarantee_months"): bounds.MONTHS,
    ("fami.guarantee", "date_to"): bounds.CLOSURE,
    ("fami.project.deadline", "date"): bounds.CLOSURE,
    ("fami.project.deadline", "date_window_end"): bounds.CLOSURE,
    ("fami.project.deadline", "offset_months"): bounds.SIGNED_MONTHS,
    ("fami.project.deadline", "offset_days"): bounds.SIGNED_DAYS,
    ("fami.project.deadline", "repeat_months"): bounds.MONTHS,
    ("fami.project.deadline", "window_days"): bounds.DAYS,
    ("fami.workflow.state", "deadline_days"): bounds.DAYS,
    ("fami.workflow.transition", "activity_deadline_days"): bounds.DAYS,
}
REFUSED = (ValidationError, UserError, AccessError)


class TestHostileInput(IntegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.project = env["fami.project.partner"].search([("role", "=", "lead")], limit=1).project_id
        lead = cls.project.partner_ids.filtered(lambda link: link.role == "lead")
        cls.manager = new_test_user(env, "hostile_manager", name="Hostile manager", groups=(
            "fami_partners.group_fami_manager,fami_partners.group_fami_beneficiary_data"))
        lead.user_ids = [(4, cls.manager.id)]
        cls.admin = env.ref("base.user_admin")  # indicator definitions name models: only administrators edit them
        cls.employee = env["hr.employee"].create({"name": "Hostile employee", "user_id": cls.manager.id})
        cls.draft_expense = env["fami.expense"].search([("workflow_state_code", "=", "draft"),
                                                        ("project_id", "=", cls.project.id)], limit=1)
        cls.budget_line = cls.draft_expense.budget_line_id
        # the lines of an approved budget are locked with it: figures are typed in a new draft version
        approved = env["fami.budget"].search([("project_id", "=", cls.project.id),
                                              ("workflow_state_code", "=", "approved")], limit=1)
        cls.draft_budget = approved.browse(approved.action_new_version()["res_id"])
        cls.draft_budget_line = cls.draft_budget.line_ids.filtered(
            lambda line: line.previous_line_id == cls.budget_line) or cls.draft_budget.line_ids[:1]

    # ------------------------------------------------------------ helpers

    def demo(self, login):
        return self.env.ref(f"fami_partners.demo_user_{login}")

    def rpc(self, login, model, method, *args, **kwargs):
        """What XML-RPC's execute_kw runs for a demo user: the arguments as XML-RPC carries them (it cannot even
        send an integer beyond 2,147,483,647), the method called through call_kw, the changes flushed."""
        (args, kwargs), _name = xmlrpc.client.loads(xmlrpc.client.dumps((list(args), kwargs), allow_none=True))
        result = api.call_kw(self.env[model].with_user(self.demo(login)), method, list(args), kwargs)
        self.env.flush_all()
        return result

    def as_manager(self, model):
        return self.env[model].with_user(self.manager)

    def counts(self):
        return {model: self.env[model].sudo().with_context(active_test=False).search_count([]) for model in COUNTED}

    def assert_refused(self, attempt, *words, exception=REFUSED):
        """The attempt raises `exception` naming each of `words`, and every counted table is as it was."""
        before = self.counts()
        with self.assertRaises(exception) as caught, self.env.cr.savepoint(), \
                mute_logger("odoo.sql_db", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model"):
            attempt()
        message = str(caught.exception.args[0] if caught.exception.args else caught.exception)
        for word in words:
            self.assertIn(str(word).lower(), message.lower())
        self.assertEqual(self.counts(), before)
        return message

    def label(self, model, field):
        return self.env[model]._fields[field]._description_string(self.env)

    def expense_values(self, **values):
        vals = self.draft_expense.copy_data()[0]
        for engine_field in ("workflow_id", "workflow_state_id", "workflow_state_date"):
            vals.pop(engine_field, None)
        return dict(vals, **values)

    def timesheet_values(self, **values):
        return dict({"name": "Ore", "fami_project_id": self.project.id, "employee_id": self.employee.id,
                     "project_id": self.project._get_timesheet_project().id, "date": "2026-04-01",
                     "unit_amount": 2}, **values)

    # ------------------------------------------------------------ names

    def test_empty_names_are_refused_with_the_field_named(self):
        cases = {
            "course, empty": lambda: self.as_manager("fami.course").create({"name": "", "project_id": self.project.id}),
            "course, spaces": lambda: self.as_manager("fami.course").create({"name": "   ",
                                                                             "project_id": self.project.id}),
            "course renamed to empty": lambda: self.as_manager("fami.course").search([], limit=1).write({"name": ""}),
            "event, empty": lambda: self.as_manager("fami.event").create({
                "name": "", "project_id": self.project.id, "date_start": "2026-05-01 10:00:00",
                "date_stop": "2026-05-01 12:00:00"}),
        }
        for case, attempt in cases.items():
            with self.subTest(case=case):
                self.assert_refused(attempt, self.label("fami.course", "name"), exception=ValidationError)

    def test_ten_thousand_character_names_are_stored_whole(self):
        long_name = "Corso " + "x" * 9994
        course = self.as_manager("fami.course").create({"name": long_name, "project_id": self.project.id})
        course.invalidate_recordset()
        self.assertEqual(len(course.name), 10000)
        self.assertEqual(course.name, long_name)
        found = self.as_manager("fami.course").name_search(long_name[:500])
        self.assertEqual([record_id for record_id, _name in found], course.ids)
        person = self.as_manager("fami.beneficiary").create({
            "first_name": "N" * 10000, "last_name": "", "gender": "female", "country_id": self.env.ref("base.ng").id,
            "project_id": self.project.id})
        self.assertEqual(len(person.first_name), 10000)

    def test_an_overlong_codice_fiscale_is_refused(self):
        self.assert_refused(lambda: self.as_manager("fami.beneficiary").create({
            "codice_fiscale": "A" * 10000, "gender": "female", "country_id": self.env.ref("base.ng").id,
            "project_id": self.project.id}), "Codice fiscale", exception=ValidationError)

    # ------------------------------------------------------------ SQL-looking text

    def test_sql_looking_search_text_is_searched_as_text(self):
        models = ["fami.course", "fami.beneficiary", "fami.expense", "fami.budget.line", "fami.project",
                  "fami.event", "res.partner", "account.analytic.line"]
        before = self.counts()
        for model in models:
            for text in SQL_LIKE:
                with self.subTest(model=model, text=text):
                    self.assertEqual(self.as_manager(model).name_search(text), [])
                    self.assertEqual(self.as_manager(model).search([("display_name", "ilike", text)]),
                                     self.env[model].browse())
        self.assertEqual(self.counts(), before)
        # stored as a name, the same text is found exactly, as data
        course = self.as_manager("fami.course").create({"name": SQL_LIKE[0], "project_id": self.project.id})
        self.assertEqual(self.as_manager("fami.course").search([("name", "ilike", SQL_LIKE[0])]), course)
        self.assertEqual([row[0] for row in self.as_manager("fami.course").name_search(SQL_LIKE[0])], course.ids)

    # ------------------------------------------------------------ amounts and hours

    def test_negative_nan_and_infinite_amounts_are_refused(self):
        nan, inf = float("nan"), float("inf")
        expense = self.as_manager("fami.expense")
        rate = self.as_manager("fami.staff.rate")
        rate_values = {"employee_id": self.employee.id, "year": 2026, "budget_line_id": self.budget_line.id}
        cases = [
            ("negative taxable amount", lambda: expense.create(self.expense_values(taxable_amount=-5)),
             self.label("fami.expense", "taxable_amount")),
            ("NaN taxable amount", lambda: expense.create(self.expense_values(taxable_amount=nan)),
             self.label("fami.expense", "taxable_amount")),
            ("infinite taxable amount", lambda: expense.create(self.expense_values(taxable_amount=inf)),
             self.label("fami.expense", "taxable_amount")),
            ("NaN VAT written", lambda: self.draft_expense.with_user(self.manager).write({"vat_amount": nan}),
             self.label("fami.expense", "vat_amount")),
            ("NaN annual cost", lambda: rate.create(dict(rate_values, annual_cost=nan)),
             self.label("fami.staff.rate", "annual_cost")),
            ("negative annual cost", lambda: rate.create(dict(rate_values, annual_cost=-1000)), "negative"),
            ("NaN budget unit cost", lambda: self.draft_budget_line.with_user(self.manager).write({"unit_cost": nan}),
             self.label("fami.budget.line", "unit_cost")),
            ("negative participants", lambda: self.as_manager("fami.event").create({
                "name": "Evento", "project_id": self.project.id, "date_start": "2026-05-01 10:00:00",
                "date_stop": "2026-05-01 12:00:00", "participants_cpt": -5}), "negative"),
        ]
        for case, attempt, word in cases:
            with self.subTest(case=case):
                self.assert_refused(attempt, word, exception=ValidationError)

    def test_impossible_hours_are_refused(self):
        timesheets = self.as_manager("account.analytic.line")
        hours = self.label("account.analytic.line", "unit_amount")
        mediation = {"fami_is_mediation": True, "fami_service_kind": "usl"}
        cases = [
            ("0 hours", lambda: timesheets.create(self.timesheet_values(unit_amount=0)), "0"),
            ("25 hours", lambda: timesheets.create(self.timesheet_values(unit_amount=25)), "24"),
            ("negative hours", lambda: timesheets.create(self.timesheet_values(unit_amount=-1)), "-1"),
            ("NaN hours", lambda: timesheets.create(self.timesheet_values(unit_amount=float("nan"))), hours),
            ("0 hours of mediation", lambda: timesheets.create(self.timesheet_values(unit_amount=0, **mediation)),
             "0"),
            ("25 hours of mediation", lambda: timesheets.create(self.timesheet_values(unit_amount=25, **mediation)),
             "hours"),
            ("NaN hours of mediation", lambda: timesheets.create(self.timesheet_values(
                unit_amount=float("nan"), **mediation)), hours),
            ("two lines making 25 hours", lambda: timesheets.create([self.timesheet_values(unit_amount=16),
                                                                     self.timesheet_values(unit_amount=9)]), "24"),
        ]
        for case, attempt, word in cases:
            with self.subTest(case=case):
                self.assert_refused(attempt, word, exception=ValidationError)
        # the limits themselves are accepted
        self.assertEqual(timesheets.create(self.timesheet_values(unit_amount=24)).unit_amount, 24)

    def test_impossible_attendance_hours_are_refused(self):
        line = self.env["fami.attendance"].search([("session_id.workflow_state_code", "=", "draft")], limit=1)
        self.assertTrue(line, "the demo has no attendance line of a draft session")
        for hours in (-3, 25, float("nan")):
            with self.subTest(hours=hours):
                self.assert_refused(lambda h=hours: line.with_user(self.manager).write({"hours": h}),
                                    self.label("fami.attendance", "hours"), exception=ValidationError)

    # ------------------------------------------------------------ dates

    def test_dates_in_1900_and_2100_are_refused(self):
        person = {"gender": "female", "country_id": self.env.ref("base.ng").id, "project_id": self.project.id}
        rate = {"employee_id": self.employee.id, "budget_line_id": self.budget_line.id, "annual_cost": 30000}
        cases = [
            ("expense 1900", lambda: self.as_manager("fami.expense").create(self.expense_values(
                document_date="1900-01-01")), self.label("fami.expense", "document_date")),
            ("expense 2100", lambda: self.as_manager("fami.expense").create(self.expense_values(
                payment_date="2100-01-01")), self.label("fami.expense", "payment_date")),
            ("birth 1900", lambda: self.as_manager("fami.beneficiary").create(dict(person, birth_date="1900-06-15")),
             self.label("fami.beneficiary", "birth_date")),
            ("birth 2100", lambda: self.as_manager("fami.beneficiary").create(dict(person, birth_date="2100-01-01")),
             self.label("fami.beneficiary", "birth_date")),
            ("hours in 1900", lambda: self.as_manager("account.analytic.line").create(self.timesheet_values(
                date="1900-01-01")), self.label("account.analytic.line", "date")),
            ("hours in 2100", lambda: self.as_manager("account.analytic.line").create(self.timesheet_values(
                date="2100-01-01")), self.label("account.analytic.line", "date")),
            ("rate of 1900", lambda: self.as_manager("fami.staff.rate").create(dict(rate, year=1900)), "1900"),
            ("rate of 2100", lambda: self.as_manager("fami.staff.rate").create(dict(rate, year=2100)), "2100"),
        ]
        for case, attempt, word in cases:
            with self.subTest(case=case):
                self.assert_refused(attempt, word, exception=ValidationError)

    # ------------------------------------------------------------ bounds over RPC, as the demo users

    def test_amounts_above_a_billion_and_negative_rates_are_refused_over_rpc(self):
        """An expense of 10^15 EUR, a budget line of 10^21 EUR and a staff rate of -50 EUR/h were stored."""
        expense = self.env["fami.expense"].search([("workflow_state_code", "=", "draft"),
                                                   ("create_uid", "=", self.demo("amministrativo").id)], limit=1) \
            or self.draft_expense
        # as a client sends them: dates as text, no files
        vals = {key: str(value) if isinstance(value, date) else value
                for key, value in self.expense_values(document_number="HOSTILE-1E15").items()
                if key not in ("document_file", "payment_proof")}
        self.assert_refused(lambda: self.rpc("amministrativo", "fami.expense", "create", dict(
            vals, organisation_id=expense.organisation_id.id, budget_line_id=expense.budget_line_id.id,
            taxable_amount=1e15)), self.label("fami.expense", "taxable_amount"), BILLION, exception=ValidationError)
        self.assert_refused(lambda: self.rpc("amministrativo", "fami.expense", "write", expense.ids,
                                             {"vat_amount": 1e15}), self.label("fami.expense", "vat_amount"),
                            BILLION, exception=ValidationError)

        line = self.draft_budget_line
        self.assertTrue(line and self.draft_budget.workflow_state_code == "draft")
        self.assert_refused(lambda: self.rpc("responsabile", "fami.budget.line", "write", line.ids,
                                             {"unit_cost": 1e21}), self.label("fami.budget.line", "unit_cost"),
                            BILLION, exception=ValidationError)
        # each figure within its bound, the planned amount (quantity x unit cost) beyond it
        self.assert_refused(lambda: self.rpc("responsabile", "fami.budget.line", "write", line.ids,
                                             {"quantity": 1e6, "unit_cost": 1e6}),
                            self.label("fami.budget.line", "planned_amount"), BILLION,
                            self.label("fami.budget.line", "quantity"), exception=ValidationError)

        rate = {"employee_id": self.employee.id, "year": 2026, "budget_line_id": self.budget_line.id,
                "method": "unit_cost"}
        self.assert_refused(lambda: self.rpc("responsabile", "fami.staff.rate", "create", dict(rate, unit_cost=-50)),
                            self.label("fami.staff.rate", "unit_cost"), "negative", exception=ValidationError)
        self.assert_refused(lambda: self.rpc("responsabile", "fami.staff.rate", "create", dict(
            rate, method="annual_cost", annual_cost=1e12)), self.label("fami.staff.rate", "annual_cost"), BILLION,
            exception=ValidationError)
        cost = {"employee_id": self.employee.id, "month": "2026-10-01", "hours": 10,
                "budget_line_id": self.budget_line.id}
        self.assert_refused(lambda: self.rpc("responsabile", "fami.staff.cost", "create", dict(cost, hourly_rate=-50)),
                            self.label("fami.staff.cost", "hourly_rate"), "negative", exception=ValidationError)

    def test_an_event_with_2147483647_participants_gets_a_message_not_a_database_error(self):
        event = {"name": "Festa interculturale", "project_id": self.project.id,
                 "date_start": "2026-06-06 16:00:00", "date_stop": "2026-06-06 20:00:00"}
        # the largest integer XML-RPC carries, twice: the participants (their sum) would overflow the column
        message = self.assert_refused(lambda: self.rpc("formatore", "fami.event", "create", dict(
            event, participants_italian=2_147_483_647, participants_cpt=2_147_483_647)),
            self.label("fami.event", "participants_total"), INT32, exception=ValidationError)
        self.assertNotIn("out of range", message)
        # a count beyond the column, as JSON-RPC can send it
        self.assert_refused(lambda: api.call_kw(self.env["fami.event"].with_user(self.demo("formatore")), "create",
                                                [dict(event, participants_cpt=10**12)], {}),
                            self.label("fami.event", "participants_cpt"), INT32, exception=ValidationError)
        created = self.rpc("formatore", "fami.event", "create", dict(event, participants_italian=2_147_483_647))
        self.assertEqual(self.env["fami.event"].browse(created).participants_total, 2_147_483_647)

    def test_events_sessions_and_research_dated_1900_or_2100_are_refused_over_rpc(self):
        course = self.env["fami.course"].search([("trainer_ids", "in", self.demo("formatore").id),
                                                 ("organisation_id", "in",
                                                  self.demo("formatore").fami_organisation_ids.ids)], limit=1)
        self.assertTrue(course, "the demo has no course of the trainer's organisation")
        cases = []
        for year in (1900, 2100):
            cases += [
                ("event", "formatore", "fami.event", {
                    "name": "Evento", "project_id": self.project.id, "date_start": f"{year}-06-06 16:00:00",
                    "date_stop": f"{year}-06-06 18:00:00"}, "date_start"),
                ("session", "formatore", "fami.course.session", {
                    "course_id": course.id, "start": f"{year}-03-03 09:00:00", "stop": f"{year}-03-03 11:00:00"},
                 "start"),
                ("research", "amministrativo", "fami.research", {
                    "name": "Ricerca-azione", "project_id": self.project.id, "date_start": f"{year}-01-10",
                    "date_end": "2026-12-31"}, "date_start"),
            ]
        for case, login, model, values, field in cases:
            with self.subTest(case=case, year=values.get(field)):
                self.assert_refused(lambda lo=login, m=model, v=values: self.rpc(lo, m, "create", v),
                                    self.label(model, field), "2021", "2029", exception=ValidationError)

    def test_every_amount_count_and_date_of_the_suite_has_a_bound(self):
        """Each number and date field the suite's addons define on its models refuses a value beyond its bound
        (the guard's own check, run field by field), except the few listed above with their reason."""
        checked = 0
        for name in sorted(self.env.registry):
            model = self.env[name]
            guard = model._fami_input_guard()
            if guard is None or model._abstract or not model._auto:
                continue
            for field_name, field in model._fields.items():
                if field.type not in bounds.BOUNDED_TYPES or not (field._module or "").startswith("fami_") \
                        or field.automatic or field.related or field.store is False and not field.inverse:
                    continue
                entered = not field.compute or field.inverse or not field.readonly
                key = (name, field_name)
                if not entered:
                    if field.type in bounds.NUMBER_TYPES:
                        self.assertIn(field_name, guard.computed, key)
                    continue
                with self.subTest(model=name, field=field_name):
                    if key in UNBOUNDED or ("*", field_name) in UNBOUNDED:
                        self.assertNotIn(field_name, guard.inputs)
                        continue
                    bound = OWN_BOUND.get(key) or bounds.default_bound(field.type, field_name)
                    self.assertEqual(guard.inputs.get(field_name), bound)
                    beyond = bound.high + (date.resolution if isinstance(bound.high, date) else 1)
                    value = str(beyond) if isinstance(beyond, date) else beyond
                    with self.assertRaises(ValidationError) as refused:
                        model._fami_check_input(guard, {field_name: value})
                    self.assertIn(field._description_string(self.env), str(refused.exception))
                    model._fami_check_input(guard, {field_name: str(bound.high) if isinstance(
                        bound.high, date) else bound.high})
                    checked += 1
        self.assertGreater(checked, 60)

    # ------------------------------------------------------------ HTML and script

    def test_script_in_text_fields_is_escaped_in_the_reports(self):
        env = self.env
        operator = env["res.partner"].create({"name": f"Operatore {SCRIPT}"})
        course = self.as_manager("fami.course").create({"name": f"Corso {SCRIPT}", "project_id": self.project.id})
        self.as_manager("fami.course.enrolment").create({"course_id": course.id, "partner_id": operator.id})
        session = self.as_manager("fami.course.session").create({
            "course_id": course.id, "topic": f"Tema {SCRIPT}", "start": "2026-09-01 08:00:00",
            "stop": "2026-09-01 10:00:00"})
        claim = self.as_manager("fami.payment.request").create({
            "name": f"Domanda {SCRIPT}", "project_id": self.project.id, "date_from": "2026-08-01",
            "date_to": "2026-12-31"})
        lines = env["account.analytic.line"].with_user(self.manager).create(
            self.timesheet_values(name=f"Attività {SCRIPT}", date="2026-09-02"))
        cost = env["fami.staff.cost"].create({
            "employee_id": self.employee.id, "month": "2026-09-01", "hours": 2, "hourly_rate": 20,
            "budget_line_id": self.budget_line.id, "timesheet_ids": [(6, 0, lines.ids)]})
        reports = {
            "fami_activities.report_attendance_register": session,
            "fami_reporting.report_claim_letter": claim,
            "fami_reporting.report_monthly_timesheet": cost,
        }
        for report, record in reports.items():
            with self.subTest(report=report):
                html, _kind = env["ir.actions.report"].with_user(self.manager)._render_qweb_html(report, record.ids)
                html = html.decode()
                self.assertNotIn("<script>alert", html)
                self.assertIn(ESCAPED, html)

    def test_script_in_html_fields_is_removed_and_in_workflow_comments_escaped(self):
        event = self.as_manager("fami.event").create({
            "name": "Evento", "project_id": self.project.id, "date_start": "2026-09-01 10:00:00",
            "date_stop": "2026-09-01 12:00:00", "description": f"<p>Programma</p>{SCRIPT}"})
        self.assertNotIn("<script", event.description)
        self.assertIn("Programma", event.description)
        expense = self.as_manager("fami.expense").create(self.expense_values(document_number="HOSTILE-1"))
        expense.workflow_fire("submit")
        expense.workflow_fire("reject", comment=SCRIPT)
        log = self.env["fami.workflow.log"].search([("res_model", "=", "fami.expense"), ("res_id", "=", expense.id)],
                                                   order="id desc", limit=1)
        self.assertEqual(log.comment, SCRIPT)  # stored as typed ...
        posted = expense.message_ids.filtered(lambda message: "alert(" in str(message.body))
        self.assertTrue(posted, "the comment is not in the chatter")
        self.assertNotIn("<script", str(posted.body))  # ... and escaped in the chatter
        self.assertIn(ESCAPED, str(posted.body))

    # ------------------------------------------------------------ files

    def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_import(self):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("readme.txt", "not a workbook")
        files = {
            "random.xlsx": os.urandom(2048),
            "binary.csv": b"\x00\xff\xfe" + os.urandom(512),
            "scan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj",
            "archive.xlsx": archive.getvalue(),
            "empty.csv": b"",
            "header-only.csv": b"first_name,last_name,gender,birth_date,nationality\n",
        }
        wizard = self.env["fami.beneficiary.import"].with_user(self.manager)
        for name, content in files.items():
            with self.subTest(file=name):
                self.assert_refused(lambda n=name, c=content: wizard.create({
                    "project_id": self.project.id, "file": base64.b64encode(c), "filename": n}).action_import(),
                    name, exception=UserError)

    def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_session_import(self):
        course = self.as_manager("fami.course").create({"name": "Corso importato", "project_id": self.project.id})
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("readme.txt", "not a workbook")
        files = {
            "random.xlsx": os.urandom(2048),
            "scan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj",
            "archive.xlsx": archive.getvalue(),
            "old.xls": bytes.fromhex("d0cf11e0a1b11ae1") + os.urandom(512),
            "header-only.csv": b"date,start,end,venue,trainer,topic\n",
        }
        wizard = self.env["fami.session.import"].with_user(self.manager)
        for name, content in files.items():
            with self.subTest(file=name):
                self.assert_refused(lambda n=name, c=content: wizard.create({
                    "course_id": course.id, "file": base64.b64encode(c), "file_name": n}).action_import(),
                    name, exception=UserError)

    def test_a_50_mb_attachment_is_stored_whole(self):
        content = os.urandom(1024) * (50 * 1024)  # 50 MB, cheap to build
        expense = self.as_manager("fami.expense").create(self.expense_values(document_number="HOSTILE-50MB"))
        expense.write({"document_file": base64.b64encode(content), "document_filename": "scansione.pdf"})
        attachment = self.env["ir.attachment"].search([
            ("res_model", "=", "fami.expense"), ("res_id", "=", expense.id), ("res_field", "=", "document_file")])
        path = attachment._full_path(attachment.store_fname)
        self.addCleanup(lambda: os.path.exists(path) and os.remove(path))  # the row is rolled back, not the file
        self.assertEqual(attachment.file_size, 50 * 1024 * 1024)
        self.assertEqual(attachment.checksum, hashlib.sha1(content).hexdigest())
        self.assertEqual(expense.workflow_state_code, "draft")

    # ------------------------------------------------------------ indicator definitions

    def test_an_indicator_domain_naming_a_missing_field_is_refused(self):
        indicator = self.env["fami.indicator"].search([("mode", "=", "records"), ("model_id", "!=", False)], limit=1)
        self.assertTrue(indicator)
        domain = indicator.domain
        cases = {
            "missing field": "[('no_such_field', '=', 1)]",
            "missing field on a path": "[('project_id.no_such_field', '=', 1)]",
            "not a domain": "[('name'",
            "code": "__import__('os').system('true')",
        }
        for case, hostile in cases.items():
            with self.subTest(case=case):
                message = self.assert_refused(lambda h=hostile: indicator.with_user(self.admin).write({"domain": h}),
                                              indicator.code, exception=ValidationError)
                if "no_such_field" in hostile:
                    self.assertIn("no_such_field", message)
        indicator.invalidate_recordset()
        self.assertEqual(indicator.domain, domain)
