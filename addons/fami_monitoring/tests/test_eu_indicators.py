from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import MonitoringCase

# indicators of measures UMBRIA 2 does not run: mapped, and their value is 0
NOT_RUN = ("O.2.1", "O.2.6")


@tagged("post_install", "-at_install")
class TestEuIndicators(MonitoringCase):
    """Done when: each EU indicator of the demo has a value, and changing one mapping in the UI form (no code)
    changes it; each person counts once per indicator."""

    def test_each_demo_indicator_is_mapped_and_has_a_value(self):
        indicators = self.env["fami.eu.indicator"].search([])
        self.assertEqual(len(indicators), 14)
        self.assertEqual(set(indicators.mapped("kind")), {"output", "result"})
        for indicator in indicators.with_user(self.auditor):
            with self.subTest(indicator=indicator.code):
                self.assertTrue(indicator.is_mapped)
                self.assertIsInstance(indicator.value, float)
                if indicator.code not in NOT_RUN:
                    self.assertGreater(indicator.value, 0)
                else:
                    self.assertEqual(indicator.value, 0)
        supported = indicators.filtered(lambda indicator: indicator.code == "O.2.3")
        self.assertEqual(supported.value, len(self.people_reached(None, self.q3.date_to)))

    def test_changing_a_mapping_in_the_form_changes_the_value(self):
        indicator = self.env.ref("fami_monitoring.eu_indicator_o_2_3_1")  # participants in a language course
        italian, civic = indicator.value, self.env.ref("fami_monitoring.eu_indicator_o_2_3_2").value
        self.assertNotEqual(italian, civic)
        with Form(indicator.with_user(self.manager)) as form:
            self.assertEqual(form.value, italian)
            form.domain = "[('kind', '=', 'course'), ('activity_kind', '=', 'civic')]"
            self.assertEqual(form.value, civic)
        indicator.invalidate_recordset()
        self.assertEqual(indicator.value, civic)

    def test_a_person_counts_once_per_indicator(self):
        indicator = self.env.ref("fami_monitoring.eu_indicator_o_2_3")
        before = indicator._value(self.project)
        person = self.env.ref("fami_beneficiaries.demo_beneficiary_23")
        rows = self.env["fami.monitoring.participation"].search_count([("beneficiary_id", "=", person.id)])
        self.assertGreater(rows, 3)
        access = self.env["fami.service.access"].create({
            "service_id": self.env.ref("fami_monitoring.demo_service_orientation").id, "beneficiary_id": person.id,
            "date": self.q2.date_from, "support_kind": "housing"})
        access.workflow_fire("submit")
        access.workflow_fire("approve")
        self.assertEqual(indicator._value(self.project), before)
        # the same indicator by year counts the person in each year they took part in
        year = self.q1.date_from.year
        self.assertLessEqual(indicator._year_value(self.project, year), before)

    def test_a_mapping_that_cannot_run_is_refused_naming_the_field(self):
        indicator = self.env.ref("fami_monitoring.eu_indicator_r_2_9")
        with self.assertRaises(ValidationError) as caught:
            indicator.write({"date_field": "no_such_date"})
        self.assertIn("Date field", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            indicator.write({"domain": "[('no_such_field', '=', 1)]"})
        self.assertIn("cannot be used", str(caught.exception))
        with self.assertRaises(ValidationError):
            indicator.write({"project_field_name": "beneficiary_id"})
