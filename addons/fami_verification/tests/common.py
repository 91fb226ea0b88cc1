import base64
from datetime import date

from odoo.tests import TransactionCase, new_test_user

FILE = base64.b64encode(b"%PDF-1.4 documento")


class VerificationCase(TransactionCase):
    """A project with two partners, an approved budget, suppliers, and the demo roles: responsabile (manager),
    amministrativo (administrative staff of C.i.d.i.s.), revisore (independent auditor), esperto (legal expert)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.manager = ref("fami_partners.demo_user_responsabile")
        cls.clerk = ref("fami_partners.demo_user_amministrativo")
        cls.revisore = ref("fami_partners.demo_user_revisore")
        cls.legal_expert = ref("fami_verification.demo_user_esperto")
        cls.project = cls.env["fami.project"].create({
            "name": "Verifica test", "code": "PROG-7171", "cup": "J91H26000000007", "date_start": "2025-01-01",
            "date_end": "2027-12-31"})
        cls.wp1, cls.wp2 = cls.env["fami.project.action"].create([
            {"project_id": cls.project.id, "code": "WP1", "name": "Azione 01"},
            {"project_id": cls.project.id, "code": "WP0", "name": "Gestione"}])
        cls.alfa = cls.env["res.partner"].create({"name": "Alfa", "is_company": True})
        cls.link = cls.env["fami.project.partner"].create({
            "project_id": cls.project.id, "partner_id": cls.alfa.id, "role": "lead",
            "user_ids": [(6, 0, (cls.clerk | cls.manager).ids)]})
        cls.supplier = cls.env["res.partner"].create({"name": "Fornitore Umbro", "is_company": True})
        budget = cls.env["fami.budget"].create({"project_id": cls.project.id})
        services, staff = cls.env.ref("fami_reporting.cost_category_b6"), cls.env.ref("fami_reporting.cost_category_b1")
        cls.line_services, cls.line_other, cls.line_staff, cls.line_staff_wp0 = cls.env["fami.budget.line"].create([
            {"budget_id": budget.id, "action_id": cls.wp1.id, "organisation_id": cls.alfa.id,
             "category_id": services.id, "quantity": 1, "unit_cost": 50000},
            {"budget_id": budget.id, "action_id": cls.wp2.id, "organisation_id": cls.alfa.id,
             "category_id": services.id, "quantity": 1, "unit_cost": 20000},
            {"budget_id": budget.id, "action_id": cls.wp1.id, "organisation_id": cls.alfa.id,
             "category_id": staff.id, "quantity": 1000, "unit_cost": 25},
            {"budget_id": budget.id, "action_id": cls.wp2.id, "organisation_id": cls.alfa.id,
             "category_id": staff.id, "quantity": 1000, "unit_cost": 25}])
        budget.workflow_fire("approve")

    def expense(self, number, taxable, vat=0.0, line=None, **values):
        line = line or self.line_services
        return self.env["fami.expense"].create(dict({
            "project_id": self.project.id, "organisation_id": self.alfa.id, "budget_line_id": line.id,
            "supplier_id": self.supplier.id, "document_number": number, "document_date": "2026-03-10",
            "payment_date": "2026-03-20", "taxable_amount": taxable, "vat_amount": vat,
            "document_file": FILE, "payment_proof": FILE}, **values))

    def approve(self, records):
        """Submitted, checked and approved by the administrator (the superuser is no person to four eyes)."""
        for code in ("submit", "check", "approve"):
            records.with_env(self.env).workflow_fire(code)
        return records

    def declare(self, items_from="2026-01-01", items_to="2026-06-30"):
        """Alfa's approved costs declared to the lead partner and validated, where the suite asks for it before they
        enter a claim."""
        if "fami.partner.declaration" in self.env:
            declaration = self.env["fami.partner.declaration"].create({
                "project_id": self.project.id, "organisation_id": self.alfa.id, "date_from": items_from,
                "date_to": items_to})
            declaration.action_collect_costs()
            declaration.workflow_fire("submit")
            declaration.workflow_fire("validate")

    def claim_of(self, items_from="2026-01-01", items_to="2026-06-30"):
        """A claim of the period with the approved costs of Alfa."""
        self.declare(items_from, items_to)
        claim = self.env["fami.payment.request"].create({
            "name": "Domanda di rimborso di prova", "project_id": self.project.id, "date_from": items_from,
            "date_to": items_to, "organisation_ids": [(6, 0, self.alfa.ids)]})
        claim.action_collect_items()
        return claim

    def employee(self, name, user=None):
        return self.env["hr.employee"].create({"name": name, "user_id": user.id if user else False})

    def letter(self, employee, **values):
        return self.env["fami.staff.assignment"].create(dict({
            "name": f"LI-{employee.name}", "employee_id": employee.id, "project_id": self.project.id,
            "organisation_id": self.alfa.id, "role": "coordination", "action_id": self.wp1.id,
            "budget_line_id": self.line_staff.id, "date_start": "2026-01-01", "date_end": "2026-12-31",
            "basis": "hours", "hours": 1500, "signed_letter": FILE, "signed_letter_filename": "lettera.pdf"},
            **values))

    def hours(self, employee, day, start, end, project=None, **values):
        project = project or self.project
        return self.env["account.analytic.line"].create(dict({
            "name": "Coordinamento", "fami_project_id": project.id,
            "project_id": project._get_timesheet_project().id, "employee_id": employee.id,
            "date": day, "fami_time_start": start, "fami_time_end": end, "unit_amount": end - start}, **values))

    def new_user(self, login, groups):
        return new_test_user(self.env, login=login, groups=groups)


def workbook_bytes(claim):
    """The claim's workbook as the user downloads it."""
    if hasattr(claim, "_workbook_content"):
        return claim._workbook_content()
    claim.action_export_workbook()
    return base64.b64decode(claim.workbook)


def first_of(day):
    return date.fromisoformat(day).replace(day=1)
