from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestDataForTheEuIndicators(MonitoringCase):
    """What the EU result indicators need and the suite lacked: language levels and the integration answer of a
    participant, the person's applications."""

    def test_language_levels_and_answers_are_recorded_after_the_register_is_approved(self):
        course = self.env.ref("fami_monitoring.demo_course_italian")
        enrolment = course.enrolment_ids.filtered(
            lambda e: e.beneficiary_id == self.env.ref("fami_beneficiaries.demo_beneficiary_38"))
        self.assertTrue(enrolment._workflow_freezers(own=False), "a participant of an approved register")
        self.assertFalse(enrolment.cefr_improved)
        enrolment.with_user(self.clerk).write({"cefr_level_exit": "a2", "integration_helped": "yes"})
        self.assertTrue(enrolment.cefr_improved)
        other = self.env.ref("fami_beneficiaries.demo_beneficiary_05")  # a person C.i.d.i.s. may name
        self.assert_refused(lambda: enrolment.with_user(self.clerk).write({"beneficiary_id": other.id}), "locked")
        access = self.env.ref("fami_monitoring.demo_access_q1_21")  # a person of C.i.d.i.s.
        self.assertTrue(access.workflow_locked)
        access.with_user(self.clerk).write({"integration_helped": "no"})
        self.assert_refused(lambda: access.with_user(self.clerk).write({"support_kind": "housing"}), "locked")

    def test_applications_need_their_date_and_are_personal_data(self):
        person = self.env.ref("fami_beneficiaries.demo_beneficiary_05")
        with self.assertRaises(ValidationError) as caught:
            person.write({"long_term_residence_applied": True})
        self.assertIn("Long-term residence applied on", str(caught.exception))
        person.write({"long_term_residence_applied": True, "long_term_residence_date": self.q2.date_from})
        self.assert_refused(lambda: person.with_user(self.clerk).read(["long_term_residence_applied"]),
                            exception=AccessError)
        indicator = self.env.ref("fami_monitoring.eu_indicator_r_2_11")
        self.assertEqual(indicator._value(self.project), 2)
        self.assertEqual(indicator._value(self.project, self.q2.date_from, self.q2.date_to), 1)
