from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RULE_LOGGERS, MonitoringCase


@tagged("post_install", "-at_install")
class TestParticipantsSection(MonitoringCase):
    """Done when: the participants section equals a count of distinct people computed independently (a person with
    three activities in a quarter counts once; an anonymised person keeps being counted); a cell of 3 is exact for
    the AdG and "<5" in the publication version; special-category groups only as counts."""

    def assert_section_matches_the_records(self, report):
        period = self.people_reached(report.date_from, report.date_to)
        cumulative = self.people_reached(None, report.date_to)
        self.assertTrue(period, "the demo has people in the period")
        total = self.line(report, "total")
        self.assertEqual((total.count_period, total.count_cumulative), (len(period), len(cumulative)))
        self.assertEqual((report.participants_period, report.participants_cumulative), (len(period), len(cumulative)))
        people = self.env["fami.beneficiary"].with_context(active_test=False).browse(sorted(cumulative))
        for gender in ("female", "male", "non_binary"):
            with self.subTest(report=report.name, gender=gender):
                label = dict(people._fields["gender"]._description_selection(self.env))[gender]
                line = self.line(report, "gender", label)
                self.assertEqual(line.count_period, len(people.filtered(
                    lambda p, g=gender: p.gender == g and p.id in period)))
                self.assertEqual(line.count_cumulative, len(people.filtered(lambda p, g=gender: p.gender == g)))
        for dimension in ("gender", "age_band", "nationality"):
            lines = report.participant_line_ids.filtered(lambda ln, d=dimension: ln.dimension == d)
            self.assertEqual(sum(lines.mapped("count_period")), len(period), dimension)
            self.assertEqual(sum(lines.mapped("count_cumulative")), len(cumulative), dimension)
        return period, cumulative

    def test_the_section_counts_distinct_people_as_an_independent_count_does(self):
        self.q2.with_user(self.lead_clerk).action_compute()
        for report in (self.q1, self.q2):
            self.assert_section_matches_the_records(report)
        # beneficiary 23 attended the Italian course, went to the service, was named on the campaign and on
        # mediation hours in the first quarter: four activities, one person
        person = self.env.ref("fami_beneficiaries.demo_beneficiary_23")
        rows = self.env["fami.monitoring.participation"].search([
            ("beneficiary_id", "=", person.id), ("date", ">=", self.q1.date_from), ("date", "<=", self.q1.date_to)])
        self.assertGreaterEqual(len(set(rows.mapped("kind"))), 3)
        self.assertIn(person.id, self.people_reached(self.q1.date_from, self.q1.date_to))

    def test_an_anonymised_person_keeps_being_counted(self):
        person = self.env.ref("fami_beneficiaries.demo_beneficiary_23")
        self.q2.with_user(self.lead_clerk).action_compute()
        before = self.q2.participants_cumulative
        person.with_user(self.manager).action_anonymise()
        self.assertTrue(person.is_anonymised)
        self.assertFalse(person.sudo().birth_date)
        self.q2.with_user(self.lead_clerk).action_compute()
        period, cumulative = self.assert_section_matches_the_records(self.q2)
        self.assertIn(person.id, cumulative)
        self.assertIn(person.id, period, "also in the civic course of the second quarter")
        self.assertEqual(self.q2.participants_cumulative, before)

    def test_a_cell_of_three_is_exact_for_the_adg_and_hidden_in_the_publication_version(self):
        women = self.line(self.q1, "gender", key="female")
        self.assertEqual(women.count_period, 3)
        self.assertEqual(women.public_period, "<5")
        self.assertEqual(self.line(self.q1, "total").public_period, str(self.q1.participants_period))
        for publication, shown in ((False, 3), (True, "<5")):
            with self.subTest(publication=publication):
                book = self.workbook(self.q1._workbook(publication=publication))
                sheet = book.worksheets[3]
                row = next(row for row in sheet.iter_rows() if row[1].value == women.label)
                self.assertEqual(row[2].value, shown)
                html = self.env["ir.actions.report"]._render_qweb_html(
                    "fami_monitoring.action_report_monitoring_return_publication" if publication
                    else "fami_monitoring.action_report_monitoring_return", self.q1.ids)[0].decode()
                cell = "&lt;5" if publication else "3"
                self.assertRegex(html, rf"{women.label}</td>\s*<td[^>]*o_fami_cell[^>]*>{cell}<")
        # the sent version keeps both files as they were sent
        adg, public = self.version_workbook(self.q1), self.version_workbook(self.q1, "publication_file")
        self.assertIn(3, [cell.value for row in adg.worksheets[3].iter_rows() for cell in row])
        self.assertIn("<5", [cell.value for row in public.worksheets[3].iter_rows() for cell in row])

    def test_special_category_groups_are_only_counts(self):
        """The lead's clerk, outside the group Beneficiary personal data, computes the section: the people of a
        special-category group (art. 9) are counted, yet the clerk still cannot find them person by person."""
        self.assertFalse(self.lead_clerk.has_group("fami_partners.group_fami_beneficiary_data"))
        self.q2.with_user(self.lead_clerk).action_compute()
        group = self.env.ref("fami_beneficiaries.target_group_alternative_measures")
        self.assertTrue(group.is_special_category)
        cumulative = self.people_reached(None, self.q2.date_to)
        expected = len(self.env["fami.beneficiary"].browse(sorted(cumulative)).filtered(
            lambda person: group in person.target_group_ids))
        line = self.line(self.q2.with_user(self.lead_clerk), "target_group", key=group.id)
        self.assertTrue(line.special_category)
        self.assertEqual(line.count_cumulative, expected)
        self.assertGreater(expected, 0)
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            self.env["fami.beneficiary"].with_user(self.lead_clerk).search([("target_group_ids", "in", group.ids)])
        # the section names no person: its lines hold counts and labels only
        self.assertFalse([name for name, field in line._fields.items() if field.comodel_name == "fami.beneficiary"])
