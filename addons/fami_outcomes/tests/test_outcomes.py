"""Participants' outcomes: outcome indicators count each person once, however many follow-ups record the result,
and never a person without one; special-category data (GDPR art. 9) read person by person only by the group
Beneficiary personal data; follow-ups planned from a course; as the demo users."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RULE_LOGGERS, OutcomesCase, at


@tagged("post_install", "-at_install")
class TestOutcomeIndicators(OutcomesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["fami.project"].create({
            "name": "Progetto esiti", "date_start": "2025-01-01", "date_end": "2027-12-31"})
        cls.project._apply_template(cls.env.ref("fami_partners.umbria2_template"))
        cls.people = {name: cls._beneficiary(cls.project, cls.cidis, name)
                      for name in ("Twice", "Once", "None", "Draft", "AtEnd", "Special")}

    def _follow_up(self, person, stage="later", approve=True, **values):
        outcome = self.env["fami.outcome"].create(dict({
            "project_id": self.project.id, "beneficiary_id": self.people[person].id, "followup_stage": stage,
            "date": "2026-10-01", "activity_description": "Orientamento al lavoro"}, **values))
        if approve:
            outcome.workflow_fire("submit")
            outcome.workflow_fire("approve")
        return outcome

    def _indicator(self, code):
        indicator = self.project.indicator_ids.filtered(lambda ind: ind.code == code)
        indicator.invalidate_recordset(["actual_value"])
        return indicator.actual_value

    def test_a_person_counts_once_however_many_follow_ups_and_not_without_one(self):
        self.assertEqual(self._indicator("OS2_OUT_WORK_6M"), 0.0)
        # two follow-ups in work 6 and 12 months after: one person
        self._follow_up("Twice", followup_months=6, job_status="employed", contract_type="permanent")
        self._follow_up("Twice", followup_months=12, job_status="self_employed", date="2027-04-01")
        self.assertEqual(self._indicator("OS2_OUT_WORK_6M"), 1.0)
        self._follow_up("Once", followup_months=6, job_status="employed", contract_type="fixed_term")
        # not counted: in work but not approved, in work only at the end, not in work
        self._follow_up("Draft", followup_months=6, job_status="employed", approve=False)
        self._follow_up("AtEnd", stage="end", job_status="employed")
        self._follow_up("AtEnd", followup_months=6, job_status="not_working")
        self.assertEqual(self._indicator("OS2_OUT_WORK_6M"), 2.0)

        # an independent count: the people with an approved follow-up at 6 months or later, in work
        outcomes = self.env["fami.outcome"].search([("project_id", "=", self.project.id)])
        counted = {outcome.beneficiary_id for outcome in outcomes
                   if outcome.workflow_state_code == "approved" and outcome.followup_stage == "later"
                   and outcome.followup_months >= 6 and outcome.job_status in ("employed", "self_employed")}
        self.assertEqual(counted, {self.people["Twice"], self.people["Once"]})
        self.assertEqual(self._indicator("OS2_OUT_WORK_6M"), len(counted))
        self.assertNotIn(self.people["None"], outcomes.beneficiary_id, "no follow-up, not counted")

        # the EU result indicators, each person once
        self._follow_up("Once", stage="end", recognition_status="applied", long_term_residence_applied=True)
        self._follow_up("Once", followup_months=6, recognition_status="obtained", job_status="employed")
        self.assertEqual(self._indicator("EU_RES_RECOGNITION"), 1.0)
        self.assertEqual(self._indicator("EU_RES_LONG_TERM"), 1.0)
        self.assertEqual(self._indicator("OS2_OUT_WORK_6M"), 2.0)

    def test_special_category_services_count_but_are_read_only_with_the_personal_data_group(self):
        special = self._follow_up("Special", stage="end", special_service_kind="health")
        self._follow_up("Once", stage="end", service_kind="job_centre")
        self._follow_up("Once", followup_months=6, service_kind="housing")
        self.assertEqual(self._indicator("OS2_OUT_SERVICE"), 2.0, "counted as an aggregate, each person once")
        self.project.partner_ids = [(0, 0, {"partner_id": self.cidis.id, "role": "partner",
                                            "user_ids": [(6, 0, (self.staff | self.mediator).ids)]})]
        outcomes = self.env["fami.outcome"]
        for user in (self.staff, self.mediator, self.auditor):
            with self.subTest(user=user.login), mute_logger(*RULE_LOGGERS):
                found = outcomes.with_user(user).search([("beneficiary_id", "=", special.beneficiary_id.id)])
                self.assertIn(special, found)
                self.assertEqual(special.with_user(user).read(["job_status"])[0]["job_status"], False)
                with self.assertRaises(AccessError):
                    special.with_user(user).read(["special_service_kind"])
                with self.assertRaises(AccessError):
                    special.with_user(user).read(["notes"])
                with self.assertRaises(AccessError):
                    outcomes.with_user(user).search([("special_service_kind", "=", "health")])
                with self.assertRaises(AccessError):
                    outcomes.with_user(user).read_group([], ["special_service_kind"], ["special_service_kind"])
                # nor through the person's special-category target groups
                with self.assertRaises(AccessError):
                    outcomes.with_user(user).search([("beneficiary_id.target_group_ids.code", "=", "disability")])
                self.assertNotIn("special_service_kind", outcomes.with_user(user).fields_get())
        self.assertEqual(special.with_user(self.manager).read(["special_service_kind"])[0]["special_service_kind"],
                         "health")
        self.assertEqual(outcomes.with_user(self.manager).search([("special_service_kind", "=", "health")]), special)
        # and the other staff cannot write it either
        draft = self._follow_up("Special", followup_months=6, approve=False)
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            draft.with_user(self.staff).write({"special_service_kind": "anti_trafficking"})

    def test_checks_of_a_follow_up(self):
        course = self._course(self.project, self.cidis, "Italiano A2", kind="italian",
                              enrolment_ids=[(0, 0, {"beneficiary_id": self.people["Once"].id})])
        with self.assertRefused(ValidationError, "is not enrolled in Italiano A2"):
            self._follow_up("Twice", course_id=course.id, approve=False)
        with self.assertRefused(ValidationError, "Contract type but is not in work"):
            self._follow_up("Once", contract_type="permanent", job_status="not_working", approve=False)
        with self.assertRefused(ValidationError, "at least 1"):
            self._follow_up("Once", followup_months=0, followup_stage="later", approve=False)
        other = self.env["fami.project"].create({"name": "Altro progetto"})
        with self.assertRefused(ValidationError, "participant of another project"):
            self.env["fami.outcome"].create({"project_id": other.id, "beneficiary_id": self.people["Once"].id,
                                             "followup_stage": "end"})
        later = self._follow_up("Once", course_id=course.id, approve=False)
        self.assertEqual(later.followup_months, 6, "the project's setting")
        approved = self._follow_up("Once", stage="end", course_id=course.id, job_status="employed")
        with self.assertRefused(UserError, "locked"):
            approved.write({"job_status": "not_working"})
        with self.assertRefused(UserError, "locked"):
            approved.unlink()


@tagged("post_install", "-at_install")
class TestFollowUpPlanning(OutcomesCase):
    def test_follow_ups_are_planned_at_the_end_and_months_later_once(self):
        done, gone = (self._beneficiary(self.demo_project, self.cidis, name) for name in ("Completa", "Assente"))
        course = self._course(self.demo_project, self.cidis, "Educazione finanziaria", kind="financial",
                              enrolment_ids=[(0, 0, {"beneficiary_id": person.id}) for person in (done, gone)])
        completed = course.enrolment_ids.filtered(lambda e: e.beneficiary_id == done)
        self._register(self._session(course, at("2026-06-01", 13)), completed)
        self._register(self._session(course, at("2026-06-29", 13)), completed)
        self.demo_project.outcome_followup_months = 6
        course.with_user(self.mediator).action_plan_followups()
        outcomes = course.outcome_ids
        self.assertEqual(outcomes.beneficiary_id, done, "only who completed the course is followed up")
        self.assertEqual(sorted((o.followup_stage, o.followup_months, str(o.date)) for o in outcomes),
                         [("end", 0, "2026-06-29"), ("later", 6, "2026-12-29")])
        self.assertEqual(set(outcomes.mapped("workflow_state_code")), {"draft"})
        self.assertEqual(outcomes.activity_ids.user_id, self.mediator)
        self.assertEqual(sorted(str(d) for d in outcomes.activity_ids.mapped("date_deadline")),
                         ["2026-06-29", "2026-12-29"])
        course.with_user(self.mediator).action_plan_followups()
        self.assertEqual(len(course.outcome_ids), 2, "planning again adds nothing")
        with self.assertRefused(ValidationError, "between 1 and 60"):
            self.demo_project.outcome_followup_months = 0
        operators = self._course(self.demo_project, self.cidis, "Aggiornamento operatori")
        with self.assertRefused(UserError, "course for operators"):
            operators.action_plan_followups()


@tagged("post_install", "-at_install")
class TestOutcomeAccess(OutcomesCase):
    def test_outcomes_as_the_demo_users(self):
        cidis_person = self.env.ref("fami_beneficiaries.demo_beneficiary_13")
        csc_person = self.env.ref("fami_beneficiaries.demo_beneficiary_19")
        outcomes = self.env["fami.outcome"]
        values = {"project_id": self.demo_project.id, "followup_stage": "end", "job_status": "employed",
                  "contract_type": "seasonal"}
        own = outcomes.with_user(self.mediator).create(dict(values, beneficiary_id=cidis_person.id,
                                                            user_id=self.staff.id))
        self.assertEqual(own.user_id, self.mediator, "recorded by whoever records it")
        with self.assertRefused(UserError, "Recorded by"):
            own.with_user(self.mediator).write({"user_id": self.trainer.id})
        own.with_user(self.mediator).workflow_fire("submit")
        with mute_logger(*RULE_LOGGERS):
            # a person of another organisation cannot be named by id
            with self.assertRefused(AccessError, rf"beneficiary with id {csc_person.id}"):
                outcomes.with_user(self.staff).create(dict(values, beneficiary_id=csc_person.id))
            # the trainer reads nobody's outcomes, the auditor changes nothing
            self.assertFalse(outcomes.with_user(self.trainer).search([]))
            with self.assertRaises(AccessError):
                own.with_user(self.trainer).read(["job_status"])
            with self.assertRaises(AccessError):
                outcomes.with_user(self.auditor).create(dict(values, beneficiary_id=cidis_person.id))
            with self.assertRaises(AccessError):
                own.with_user(self.auditor).write({"job_status": "not_working"})
            # the trainer cannot approve, the manager can
            with self.assertRaises(AccessError):
                own.with_user(self.trainer).workflow_fire("approve")
        self.assertIn(own, outcomes.with_user(self.staff).search([]))
        self.assertIn(own, outcomes.with_user(self.auditor).search([]))
        own.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(own.workflow_state_code, "approved")

    def test_demo_outcome_indicators(self):
        """Two demo participants were in work six months after the Italian course; one of them is followed up twice
        (at the end in training, 6 months later in work and training): each counts once."""
        indicators = {ind.code: ind.actual_value for ind in self.demo_project.indicator_ids}
        self.assertEqual(indicators["OS2_OUT_WORK_6M"], 2.0)
        self.assertEqual(indicators["OS2_OUT_TRAINING"], 1.0)
        self.assertEqual(indicators["EU_RES_RECOGNITION"], 1.0)
