from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo_test_helper import FakeModelLoader


@tagged("post_install", "-at_install")
class TestIndicator(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import FamiIndicatorTestRecord  # noqa: PLC0415 - loaded only for these tests

        cls.loader.update_registry((FamiIndicatorTestRecord,))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.Record = cls.env["fami.indicator.test.record"]
        cls.record_model = cls.env["ir.model"]._get("fami.indicator.test.record")
        cls.project = cls.env["fami.project"].create({"name": "Indicator test"})
        cls.other_project = cls.env["fami.project"].create({"name": "Other project"})
        rows = [
            (cls.project, "approved", 10.0, "anna"),
            (cls.project, "approved", 5.5, "anna"),
            (cls.project, "approved", 2.0, "bilal"),
            (cls.project, "draft", 100.0, "chen"),
            (cls.project, "rejected", 50.0, "dana"),
            (cls.other_project, "approved", 7.0, "emeka"),
        ]
        cls.Record.create([{"project_id": project.id, "workflow_state_code": state, "hours": hours,
                            "person": person} for project, state, hours, person in rows])

    def _indicator(self, **values):
        return self.env["fami.indicator"].create(dict({
            "project_id": self.project.id, "code": "TEST", "name": "Test", "target": 10,
            "model_id": self.record_model.id}, **values))

    def _field(self, name):
        return self.env["ir.model.fields"]._get("fami.indicator.test.record", name)

    def test_count_only_approved_records_of_the_project_by_default(self):
        indicator = self._indicator()
        self.assertEqual(indicator.domain, "[('workflow_state_code', '=', 'approved')]")
        self.assertEqual(indicator.actual_value, 3)
        self.assertAlmostEqual(indicator.progress, 30.0)

    def test_count_distinct_and_sum(self):
        distinct = self._indicator(code="PEOPLE", aggregation="count_distinct", field_id=self._field("person").id)
        hours = self._indicator(code="HOURS", aggregation="sum", field_id=self._field("hours").id, target=35)
        self.assertEqual(distinct.actual_value, 2)
        self.assertAlmostEqual(hours.actual_value, 17.5)
        self.assertAlmostEqual(hours.progress, 50.0)

    def test_custom_domain_and_no_project_filter(self):
        indicator = self._indicator(domain="[('workflow_state_code', 'in', ('approved', 'draft'))]",
                                    project_field_name=False)
        self.assertEqual(indicator.actual_value, 5)

    def test_actual_follows_new_approvals(self):
        indicator = self._indicator()
        self.Record.search([("person", "=", "chen")]).workflow_state_code = "approved"
        indicator.invalidate_recordset(["actual_value"])
        self.assertEqual(indicator.actual_value, 4)

    def test_domain_naming_a_missing_field_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._indicator(domain="[('no_such_field', '=', 1)]")
        self.assertIn("no_such_field", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._indicator(domain="not a domain")
        with self.assertRaises(ValidationError) as caught:
            self._indicator(project_field_name="person")
        self.assertIn("person", str(caught.exception))

    def test_sum_needs_a_numeric_field(self):
        with self.assertRaises(ValidationError):
            self._indicator(aggregation="sum")
        with self.assertRaises(ValidationError):
            self._indicator(aggregation="sum", field_id=self._field("person").id)

    def test_model_without_workflow_counts_all_records(self):
        partner_model = self.env["ir.model"]._get("fami.project.partner")
        indicator = self._indicator(model_id=partner_model.id)
        self.assertEqual(indicator.domain, "[]")
        self.env["fami.project.partner"].create({
            "project_id": self.project.id, "role": "network",
            "partner_id": self.env["res.partner"].create({"name": "Rete", "is_company": True}).id})
        self.assertEqual(indicator.actual_value, 1)

    def test_manual_indicator_sums_or_takes_latest_entry(self):
        indicator = self._indicator(mode="manual", model_id=False)
        indicator.value_ids = [
            (0, 0, {"date": date(2026, 1, 31), "value": 4}),
            (0, 0, {"date": date(2026, 3, 31), "value": 6}),
            (0, 0, {"date": date(2026, 2, 28), "value": 99, "kind": "snapshot"}),
        ]
        self.assertEqual(indicator.actual_value, 10)
        indicator.manual_mode = "last"
        self.assertEqual(indicator.actual_value, 6)

    def test_monthly_snapshot_is_written_once_per_month(self):
        indicator = self._indicator()
        indicator.action_record_snapshot()
        self.Record.create({"project_id": self.project.id, "workflow_state_code": "approved", "person": "fatou"})
        indicator.invalidate_recordset(["actual_value"])
        self.env["fami.indicator"]._cron_monthly_snapshot()
        snapshots = indicator.value_ids.filtered(lambda value: value.kind == "snapshot")
        self.assertEqual(len(snapshots), 1)
        self.assertEqual(snapshots.value, 4)

    def test_form_proposes_the_approved_domain(self):
        form = Form(self.env["fami.indicator"])
        form.project_id = self.project
        form.code = "FORM"
        form.name = "From the form"
        form.model_id = self.record_model
        self.assertEqual(form.domain, "[('workflow_state_code', '=', 'approved')]")
        indicator = form.save()
        self.assertEqual(indicator.actual_value, 3)
