from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

EXPECTED_TARGETS = {
    "OS1_COURSES": 10, "OS1_MEDIATION_HOURS": 4500, "OS1_RESEARCH": 4, "OS2_OSS": 9, "OS2_CPT_REACHED": 540,
    "OS2_VULNERABLE_SERVICES": 4, "OS3_PEOPLE_REACHED": 685,
}


def seed_targets(indicators):
    """The seed's output indicators and their targets (addons such as fami_outcomes add their own to the template)."""
    return {ind.code: ind.target for ind in indicators if ind.code in EXPECTED_TARGETS}


@tagged("post_install", "-at_install")
class TestProjectTemplate(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("fami_partners.umbria2_template")
        cls.template_indicators = len(cls.template.indicator_ids)
        cls.lead = cls.env["res.partner"].create({"name": "Regione Test", "is_company": True})

    def _create_from_wizard(self, **values):
        form = Form(self.env["fami.project.template.wizard"])
        self.assertEqual(form.template_id, self.template)
        form.name = values.get("name", "UMBRIA 2 test")
        form.cup = "j91b21000010006"
        form.date_start = date(2025, 9, 1)
        form.date_end = date(2028, 8, 31)
        form.lead_partner_id = self.lead
        action = form.save().action_create_project()
        return self.env["fami.project"].browse(action["res_id"])

    def test_template_holds_the_seed_targets(self):
        self.assertTrue(self.template.is_template)
        targets = seed_targets(self.template.indicator_ids)
        self.assertEqual(targets, EXPECTED_TARGETS)
        self.assertEqual(self.env.ref("fami_partners.umbria2_indicator_os2_cpt_reached").target, 540)

    def test_project_from_template_copies_structure_and_targets(self):
        project = self._create_from_wizard()
        self.assertFalse(project.is_template)
        self.assertEqual(project.cup, "J91B21000010006")
        self.assertEqual(sorted(project.action_ids.mapped("code")), ["AZ01", "AZ02", "AZ03", "WP0"])
        self.assertEqual(project.action_ids.filtered("is_management").code, "WP0")
        self.assertEqual(project.objective_ids.mapped("code"), ["OS1", "OS2", "OS3"])
        self.assertTrue(all(project.objective_ids.mapped("expected_results")))
        self.assertEqual(seed_targets(project.indicator_ids), EXPECTED_TARGETS)
        self.assertEqual(project.indicator_ids.objective_id, project.objective_ids)
        self.assertEqual(project.lead_partner_id, self.lead)
        self.assertEqual(project.partner_ids.role, "lead")
        self.assertEqual(len(project.indicator_ids), self.template_indicators)
        # the template is untouched
        self.assertEqual(len(self.template.indicator_ids), self.template_indicators)
        self.assertEqual(self.template.indicator_ids.project_id, self.template)

    def test_template_definitions_reach_unchanged_copies(self):
        project = self._create_from_wizard()
        courses = project.indicator_ids.filtered(lambda ind: ind.code == "OS1_COURSES")
        custom = project.indicator_ids.filtered(lambda ind: ind.code == "OS1_RESEARCH")
        custom.mode = "manual"
        custom_model = custom.model_id
        model = self.env["ir.model"]._get("fami.project.partner")
        self.env.ref("fami_partners.umbria2_indicator_os1_courses").write({"model_id": model.id, "domain": "[]"})
        self.env.ref("fami_partners.umbria2_indicator_os1_research").write({"model_id": model.id, "domain": "[]"})
        self.assertEqual(courses.model_id, model)
        self.assertEqual(courses.domain, "[]")
        self.assertEqual(custom.mode, "manual")
        self.assertEqual(custom.model_id, custom_model)

    def test_duplicated_template_and_project_keep_their_indicators(self):
        variant = self.template.copy({"name": "UMBRIA 3 (modello)"})
        self.assertTrue(variant.is_template)
        self.assertEqual(seed_targets(variant.indicator_ids), EXPECTED_TARGETS)
        self.assertEqual(variant.indicator_ids.objective_id, variant.objective_ids)
        self.assertFalse(variant.indicator_ids.template_indicator_id, "a new template follows no other")
        self.assertEqual(sorted(variant.deadline_ids.mapped("name")), sorted(self.template.deadline_ids.mapped("name")))
        self.assertEqual(len(variant.indicator_ids), self.template_indicators)
        self.assertEqual(len(self.template.indicator_ids), self.template_indicators)
        wizard = self.env["fami.project.template.wizard"].create({
            "template_id": variant.id, "name": "From the variant", "date_start": date(2026, 1, 1),
            "date_end": date(2027, 12, 31)})
        project = wizard.create_project()
        self.assertEqual(len(project.indicator_ids), self.template_indicators)
        self.assertEqual(project.deadline_ids.template_deadline_id, variant.deadline_ids)
        duplicate = project.copy()
        self.assertFalse(duplicate.is_template)
        self.assertFalse(duplicate.cup)
        self.assertEqual(seed_targets(duplicate.indicator_ids), EXPECTED_TARGETS)
        self.assertEqual(duplicate.indicator_ids.objective_id, duplicate.objective_ids)
        self.assertEqual(duplicate.indicator_ids.template_indicator_id, variant.indicator_ids)
        self.assertFalse(duplicate.deadline_ids, "dated deadlines belong to their project")

    def test_budget_shares_cannot_exceed_the_total_budget(self):
        project = self._create_from_wizard()
        project.total_budget = 1000
        link = project.partner_ids
        link.budget_share = 600
        other = self.env["res.partner"].create({"name": "Partner Test", "is_company": True})
        with self.assertRaises(ValidationError) as caught:
            self.env["fami.project.partner"].create({
                "project_id": project.id, "partner_id": other.id, "role": "partner", "budget_share": 500})
        self.assertIn("Budget share", str(caught.exception))
        self.env["fami.project.partner"].create({
            "project_id": project.id, "partner_id": other.id, "role": "partner", "budget_share": 400})
        with self.assertRaises(ValidationError):
            project.total_budget = 900

    def test_indicator_objective_must_be_of_the_same_project(self):
        project = self._create_from_wizard()
        with self.assertRaises(ValidationError):
            project.indicator_ids[:1].objective_id = self.template.objective_ids[:1]

    def test_template_applies_only_to_an_empty_project(self):
        project = self._create_from_wizard()
        with self.assertRaises(UserError):
            project._apply_template(self.template)

    def test_template_button_opens_the_wizard(self):
        action = self.template.action_open_template_wizard()
        self.assertEqual(action["res_model"], "fami.project.template.wizard")
        self.assertEqual(action["context"]["default_template_id"], self.template.id)

    def test_project_and_organisation_forms(self):
        form = Form(self.env["fami.project"])
        form.name = "Typed in the form"
        form.cup = "e61h25000000099"
        with form.action_ids.new() as action:
            action.code = "AZ01"
            action.name = "Governance"
        project = form.save()
        self.assertEqual(project.cup, "E61H25000000099")
        self.assertEqual(project.action_ids.code, "AZ01")
        self.assertEqual(project.specific_objective, "OS2 - Legal migration and integration")
        partner_form = Form(self.env["res.partner"])
        partner_form.name = "Ente dal modulo"
        partner_form.company_type = "company"
        partner_form.fami_organisation = True
        partner_form.phone = "075 504 1234"
        partner_form.fami_partita_iva = "00743110157"
        partner = partner_form.save()
        self.assertEqual((partner.phone, partner.fami_partita_iva), ("+390755041234", "00743110157"))
