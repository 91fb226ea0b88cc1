import base64
import re

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .money_common import claimed_staff_cost

FILE = base64.b64encode(b"%PDF-1.4 fattura")
DEMO_LOGINS = ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")


@tagged("post_install", "-at_install")
class TestClaimScreens(TransactionCase):
    """The staff's claim and expense screens as the demo users use them, in Italian: what opens, what starts filled
    in, what is offered, what is said and how amounts and dates are written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.env["ir.module.module"]._load_module_terms(["fami_reporting"], ["it_IT"], overwrite=True)
        ref = cls.env.ref
        cls.users = {login: ref(f"fami_partners.demo_user_{login}") for login in DEMO_LOGINS}
        for user in cls.users.values():
            user.lang = "it_IT"
        cls.clerk, cls.manager = cls.users["amministrativo"], cls.users["responsabile"]
        cls.project = ref("fami_partners.demo_project_umbria2")
        if "verification_required" in cls.project._fields:
            cls.project.verification_required = False  # the verification is fami_verification's test
        cls.cidis = ref("fami_partners.demo_partner_cidis")
        cls.line_b6 = ref("fami_reporting.demo_budget_line_cidis_b6")

    def as_user(self, login, model):
        return self.env[model].with_user(self.users[login]).with_context(lang="it_IT")

    # ------------------------------------------------------------ the claim

    def test_a_new_claim_opens_for_the_staff_on_their_project(self):
        """Before: "Nuova" crashed: the totals of a claim without a project had no currency to print in."""
        claim = Form(self.as_user("amministrativo", "fami.payment.request"))
        self.assertEqual(claim.project_id, self.project)
        self.assertIn("0,00\xa0€", claim.totals_html)
        claim.name = "Domanda dal modulo"
        claim.date_from = fields.Date.today().replace(day=1)
        claim.date_to = fields.Date.today()
        saved = claim.save()
        self.assertEqual((saved.create_uid, saved.organisation_ids), (self.clerk, self.cidis))

    def test_a_new_claim_without_a_project_shows_its_totals_in_euro(self):
        claim = self.env["fami.payment.request"].with_context(lang="it_IT").new({"name": "Senza progetto",
                                                                                 "project_id": False})
        self.assertFalse(claim.project_id)
        self.assertIn("0,00\xa0€", claim.totals_html)

    def test_an_empty_claim_is_not_sent(self):
        """Before: a claim of 0,00 € was sent without a word."""
        claim = self.as_user("amministrativo", "fami.payment.request").create({
            "name": "Domanda vuota", "date_from": "2026-01-01", "date_to": "2026-01-31"})
        with self.assertRaises(UserError) as caught:
            claim.with_user(self.manager).with_context(lang="it_IT").workflow_fire("submit")
        message = str(caught.exception)
        self.assertIn("La domanda di rimborso Domanda vuota è vuota (0,00\xa0€)", message)
        self.assertIn("Raccogli le voci approvate", message)
        self.assertEqual(claim.workflow_state_code, "draft")

    def test_collecting_or_computing_nothing_says_so(self):
        """Before: both buttons said nothing when they found nothing."""
        claim = self.as_user("amministrativo", "fami.payment.request").create({
            "name": "Domanda di gennaio", "date_from": "2026-01-01", "date_to": "2026-01-31"})
        for action, words in ((claim.action_collect_items, "la domanda è invariata"),
                              (claim.action_generate_staff_costs, "tra il 01/01/2026 e il 31/01/2026")):
            with self.subTest(action=action.__name__):
                result = action()
                self.assertEqual((result["tag"], result["params"]["type"]), ("display_notification", "warning"))
                self.assertIn(words, result["params"]["message"])

    def test_the_claim_is_a_domanda_di_rimborso_intermedia(self):
        """Before: the claim was labelled "Richiedi" and an interim claim "Ad interim"."""
        expense_fields = self.as_user("amministrativo", "fami.expense").fields_get(["payment_request_id"])
        self.assertEqual(expense_fields["payment_request_id"]["string"], "Domanda di rimborso")
        kinds = dict(self.as_user("amministrativo", "fami.payment.request").fields_get(["kind"])["kind"]["selection"])
        self.assertEqual((kinds["interim"], kinds["final"]), ("Intermedia", "Finale"))

    # ------------------------------------------------------------ expenses

    def test_a_new_expense_starts_on_the_users_project_and_offers_its_partners(self):
        """Before: a new expense had no project and its Partner field offered every contact."""
        expense = Form(self.as_user("amministrativo", "fami.expense"))
        self.assertEqual(expense.project_id, self.project)
        self.assertEqual(expense.organisation_id, self.cidis)
        domain = safe_eval(self.env["fami.expense"]._fields["organisation_id"].domain,
                           {"project_id": self.project.id})
        offered = self.as_user("amministrativo", "res.partner").search(domain)
        partners = self.project.partner_ids.filtered(lambda link: link.role in ("lead", "partner")).partner_id
        self.assertEqual(offered, partners)
        supplier = self.env.ref("fami_reporting.demo_supplier_tipografia")
        self.assertNotIn(supplier, offered)
        # and so does the Partners field of a claim
        domain = safe_eval(self.env["fami.payment.request"]._fields["organisation_ids"].domain,
                           {"project_id": self.project.id})
        self.assertEqual(self.as_user("amministrativo", "res.partner").search(domain), partners)

    def test_expense_messages_print_italian_dates_and_amounts(self):
        """Before: the refusals printed 2019-05-01 and raw floats."""
        values = {"project_id": self.project.id, "organisation_id": self.cidis.id, "budget_line_id": self.line_b6.id,
                  "supplier_id": self.env.ref("fami_reporting.demo_supplier_tipografia").id,
                  "document_number": "FT-DATE-1", "document_date": "2021-01-04", "taxable_amount": 100}
        Expense = self.as_user("amministrativo", "fami.expense")
        start = self.project.date_start.strftime("%d/%m/%Y")
        with self.assertRaises(ValidationError) as caught:
            Expense.create(values)
        self.assertIn("04/01/2021", str(caught.exception))
        self.assertIn(start, str(caught.exception))
        self.assertNotIn("2021-01-04", str(caught.exception))

    def test_an_amount_beyond_any_budget_is_refused_and_a_large_one_printed_in_italian(self):
        """Before: 10^21 was stored and printed in scientific notation."""
        values = {"project_id": self.project.id, "organisation_id": self.cidis.id, "budget_line_id": self.line_b6.id,
                  "supplier_id": self.env.ref("fami_reporting.demo_supplier_tipografia").id,
                  "document_number": "FT-BIG-1", "document_date": fields.Date.today(), "taxable_amount": 1e21}
        Expense = self.as_user("amministrativo", "fami.expense")
        with self.assertRaises(ValidationError) as caught:
            Expense.create(values)
        self.assertNotIn("e+21", str(caught.exception))
        claim = self.env["fami.payment.request"].create({
            "name": "Domanda grande", "project_id": self.project.id, "date_from": "2026-01-01",
            "date_to": fields.Date.today(), "organisation_ids": [Command.set(self.cidis.ids)]})
        claimed_staff_cost(claim, self.cidis, self.clerk, self.manager, hours=1, rate=1234567.89)
        self.assertEqual(claim.direct_amount, 1234567.89)
        html = self._render("fami_reporting.report_claim_letter", claim)
        self.assertIn("1.234.567,89\xa0€", html)
        self.assertNotIn("e+", html)

    # ------------------------------------------------------------ budget lines

    def test_two_lines_of_a_budget_do_not_share_a_label(self):
        """Before: two lines of one budget with the same work package, category and partner could not be told
        apart where an expense chooses its line."""
        budget = self.env["fami.budget"].create({"project_id": self.project.id, "version": 7})
        values = {"budget_id": budget.id, "action_id": self.line_b6.action_id.id, "organisation_id": self.cidis.id,
                  "category_id": self.line_b6.category_id.id, "quantity": 1, "unit_cost": 100}
        Line = self.env["fami.budget.line"].with_context(lang="it_IT")
        Line.create(values)
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            Line.create(values)
        self.assertIn("ha già una riga", str(caught.exception))
        self.assertIn("Descrizione", str(caught.exception))
        Line.create(dict(values, description="Seconda fornitura"))  # told apart by its description
        labels = budget.line_ids.mapped("display_name")
        self.assertEqual(len(labels), len(set(labels)))
        demo_budget = self.env.ref("fami_reporting.demo_budget_umbria2")
        demo = demo_budget.line_ids.mapped("display_name")
        self.assertEqual(len(demo), len(set(demo)), "the demo budget's lines have one label each")
        # a new version copies the lines: where an expense is offered the lines of both, the version tells them apart
        new = self.env["fami.budget"].browse(demo_budget.action_new_version()["res_id"])
        offered = self.env["fami.budget.line"].with_user(self.clerk).name_search("", [
            ("budget_id", "in", (demo_budget | new).ids), ("organisation_id", "=", self.cidis.id),
            ("category_id", "=", self.line_b6.category_id.id)])
        self.assertEqual(len(offered), 2)
        self.assertEqual(len({label for _id, label in offered}), 2, offered)
        self.assertIn(f"(v{new.version})", new.line_ids[:1].display_name)

    def test_every_summed_amount_of_the_lists_shows_its_currency(self):
        """Before: the totals of the claim, budget, staff cost and declaration lists showed "—": a list shows the sum
        of amounts only with their currency field in it."""
        missing = []
        for model in ("fami.payment.request", "fami.expense", "fami.budget", "fami.staff.cost",
                      "fami.partner.declaration"):
            Model = self.env[model].with_user(self.clerk)
            for view_type, view in Model.get_views([(False, "list"), (False, "form")])["views"].items():
                arch = etree.fromstring(view["arch"])
                lists = [(Model, node) for node in arch.iter("list") if node.getparent() is None
                         or node.getparent().tag != "field"]
                lists += [(self.env[Model._fields[node.getparent().get("name")].comodel_name], node)
                          for node in arch.iter("list") if node.getparent() is not None
                          and node.getparent().tag == "field"]
                for list_model, node in lists:
                    names = {field.get("name") for field in node.findall("field")}
                    for field in node.findall("field[@sum]"):
                        definition = list_model._fields[field.get("name")]
                        if definition.type == "monetary" and definition.get_currency_field(list_model) not in names:
                            missing.append(f"{model} {view_type}: {list_model._name}.{definition.name}")
        self.assertEqual(missing, [])

    # ------------------------------------------------------------ menus

    def test_trainers_and_mediators_do_not_see_the_reporting_menu(self):
        """Before: trainers and mediators saw the whole Rendicontazione menu."""
        reporting = self.env.ref("fami_partners.menu_fami_reporting")
        claims = self.env.ref("fami_reporting.menu_fami_payment_request")
        for login, sees in (("formatore", False), ("mediatore", False), ("amministrativo", True),
                            ("revisore", True), ("responsabile", True)):
            with self.subTest(user=login):
                visible = self.env["ir.ui.menu"].with_user(self.users[login])._visible_menu_ids()
                self.assertEqual(reporting.id in visible, sees)
                self.assertEqual(claims.id in visible, sees)
                menus = self.env["ir.ui.menu"].with_user(self.users[login]).load_menus(False)
                self.assertEqual(reporting.id in menus, sees)

    # ------------------------------------------------------------ printed documents

    def _render(self, report, records):
        """The text of the document as printed (markup left out), rendered by a user working in English: the
        documents for the Ministry are in Italian all the same."""
        html = self.env["ir.actions.report"].with_context(lang="en_US")._render_qweb_html(report, records.ids)[0]
        text = re.sub(r"<[^>]+>", "", html.decode()).replace("&#39;", "'").replace("&nbsp;", "\xa0")
        return re.sub(r"[ \t\r\n]+", " ", text)  # not \s: the no-break space between amount and € stays

    def test_the_claim_letter_names_the_eu_the_fund_the_adg_and_the_cup(self):
        """Before: the letter went to the "Autorità Responsabile" and printed no EU emblem text."""
        claim = self.env.ref("fami_reporting.demo_claim_1")
        html = self._render("fami_reporting.report_claim_letter", claim)
        for text in ("Cofinanziato dall'Unione europea", "Fondo Asilo, Migrazione e Integrazione (FAMI) 2021-2027",
                     "Autorità di Gestione", self.project.cup, claim.date_from.strftime("%d/%m/%Y")):
            self.assertIn(text, html)
        self.assertNotIn("Autorità Responsabile", html)
        self.assertIn("€", html)
        self.assertNotIn(str(claim.date_from), html, "dates are written dd/mm/yyyy")

    def test_the_monthly_timesheet_is_in_italian_formats(self):
        employee = self.env["hr.employee"].create({"name": "Persona del foglio"})
        cost = self.env["fami.staff.cost"].create({
            "employee_id": employee.id, "month": "2026-01-01", "hours": 100, "hourly_rate": 12345.67,
            "budget_line_id": self.env.ref("fami_reporting.demo_budget_line_cidis_b1").id})
        html = self._render("fami_reporting.report_monthly_timesheet", cost)
        for text in ("Cofinanziato dall'Unione europea", "Autorità di Gestione", self.project.cup, "01/2026",
                     "1.234.567,00\xa0€", "12.345,67\xa0€"):
            self.assertIn(text, html)
        self.assertNotIn("work package", html)
