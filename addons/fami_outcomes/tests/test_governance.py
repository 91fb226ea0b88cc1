"""Governance: the organisations active in a quarter (the network section of the monitoring return) equal an
independent count made here in SQL; meetings, their minutes and decisions followed up as activities, locked with the
approved minutes; as the demo users."""
import base64
from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import RULE_LOGGERS, OutcomesCase, at

MINUTES = base64.b64encode(b"%PDF-1.4 verbale")


@tagged("post_install", "-at_install")
class TestNetworkActivity(OutcomesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.project = cls.env["fami.project"].create({
            "name": "Progetto rete", "date_start": "2025-01-01", "date_end": "2027-12-31"})
        category = {code: cls.env.ref(f"fami_partners.network_category_{code}")
                    for code in ("sal", "arpal", "usl", "school", "prefecture")}
        organisations = {key: Partner.create({"name": f"Org {key}", "is_company": True})
                         for key in ("lead", "partner", "n1", "n2", "n3", "n4", "n5")}
        cls.org = organisations
        cls.link = {}
        for key, role, cat in (("lead", "lead", None), ("partner", "partner", None), ("n1", "network", "sal"),
                               ("n2", "network", "arpal"), ("n3", "network", "usl"), ("n4", "network", "school"),
                               ("n5", "network", "prefecture")):
            cls.link[key] = cls.env["fami.project.partner"].create({
                "project_id": cls.project.id, "partner_id": organisations[key].id, "role": role,
                "network_category_id": category[cat].id if cat else False})

        def meeting(name, start, keys, approve=True, hold=True):
            record = cls.env["fami.meeting"].create({
                "name": name, "project_id": cls.project.id, "meeting_type": "network",
                "organisation_id": organisations["lead"].id, "date_start": start, "date_stop": start,
                "attendee_link_ids": [(6, 0, [cls.link[key].id for key in keys])], "minutes": MINUTES,
                "minutes_filename": "verbale.pdf"})
            if hold:
                record.workflow_fire("hold")
            if approve:
                record.workflow_fire("approve")
            return record

        # Q1 2026 in Italian time: 1 January 00:00 (31 December 23:00 UTC) to 31 March 24:00 (22:00 UTC)
        meeting("Tavolo di febbraio", "2026-02-10 09:00:00", ("lead", "n1"))
        meeting("Tavolo non approvato", "2026-02-15 09:00:00", ("n5",), approve=False)
        meeting("Tavolo di aprile", "2026-04-02 09:00:00", ("n5",))
        meeting("Mezzanotte di aprile", "2026-03-31 22:30:00", ("n5",))  # 1 April 00:30 in Rome: Q2
        meeting("Mezzanotte di gennaio", "2025-12-31 23:30:00", ("n4",))  # 1 January 00:30 in Rome: Q1

        operator_n2 = Partner.create({"name": "Operatrice ARPAL", "parent_id": organisations["n2"].id})
        operator_n3 = Partner.create({"name": "Operatore USL", "parent_id": organisations["n3"].id})
        course = cls._course(cls.project, organisations["partner"], "Corso di rete", enrolment_ids=[
            (0, 0, {"partner_id": operator_n2.id}), (0, 0, {"partner_id": operator_n3.id})])
        present_n2 = course.enrolment_ids.filtered(lambda e: e.partner_id == operator_n2)
        cls._register(cls._session(course, at("2026-03-03", 14)), present_n2)
        cls._register(cls._session(course, at("2026-03-10", 14)), course.enrolment_ids, approve=False)

        def event(name, start, organiser, keys, approve=True):
            record = cls.env["fami.event"].create({
                "name": name, "project_id": cls.project.id, "organisation_id": organisations[organiser].id,
                "date_start": start, "date_stop": start, "network_link_ids": [(6, 0, [cls.link[k].id for k in keys])]})
            record.workflow_fire("submit")
            if approve:
                record.workflow_fire("approve")
            return record

        event("Festa", "2026-01-20 15:00:00", "partner", ("n1",))
        event("Festa da approvare", "2026-02-20 15:00:00", "n5", ("n5", "n3"), approve=False)

    def _independent_count(self, date_from, date_to):
        """{link id: {kind: count}} straight from the tables, with PostgreSQL's time zones."""
        start, stop = SQL("(%s::date)::timestamp AT TIME ZONE 'Europe/Rome' AT TIME ZONE 'UTC'", date_from), \
            SQL("((%s::date + 1)::timestamp) AT TIME ZONE 'Europe/Rome' AT TIME ZONE 'UTC'", date_to)
        self.env.flush_all()
        queries = {
            "meetings": SQL("""
                SELECT rel.project_partner_id, m.id FROM fami_meeting m
                JOIN fami_meeting_attendee_rel rel ON rel.meeting_id = m.id
                WHERE m.project_id = %s AND m.workflow_state_code = 'approved'
                  AND m.date_start >= %s AND m.date_start < %s""", self.project.id, start, stop),
            "sessions": SQL("""
                SELECT pp.id, s.id FROM fami_course_session s
                JOIN fami_course c ON c.id = s.course_id
                JOIN fami_project_partner pp ON pp.project_id = s.project_id AND pp.partner_id = c.organisation_id
                WHERE s.project_id = %s AND s.workflow_state_code = 'approved' AND s.start >= %s AND s.start < %s
                UNION
                SELECT pp.id, s.id FROM fami_course_session s
                JOIN fami_attendance a ON a.session_id = s.id AND a.status = 'present'
                JOIN fami_course_enrolment e ON e.id = a.enrolment_id
                JOIN res_partner operator ON operator.id = e.partner_id
                JOIN fami_project_partner pp ON pp.project_id = s.project_id
                     AND pp.partner_id = operator.commercial_partner_id
                WHERE s.project_id = %s AND s.workflow_state_code = 'approved' AND s.start >= %s AND s.start < %s""",
                            self.project.id, start, stop, self.project.id, start, stop),
            "events": SQL("""
                SELECT pp.id, ev.id FROM fami_event ev
                JOIN fami_project_partner pp ON pp.project_id = ev.project_id AND pp.partner_id = ev.organisation_id
                WHERE ev.project_id = %s AND ev.workflow_state_code = 'approved'
                  AND ev.date_start >= %s AND ev.date_start < %s
                UNION
                SELECT rel.project_partner_id, ev.id FROM fami_event ev
                JOIN fami_event_network_link_rel rel ON rel.event_id = ev.id
                WHERE ev.project_id = %s AND ev.workflow_state_code = 'approved'
                  AND ev.date_start >= %s AND ev.date_start < %s""",
                          self.project.id, start, stop, self.project.id, start, stop),
        }
        counts = {}
        for kind, query in queries.items():
            self.env.cr.execute(query)
            for link_id, record_id in set(self.env.cr.fetchall()):
                counts.setdefault(link_id, {}).setdefault(kind, set()).add(record_id)
        return {link_id: {kind: len(ids) for kind, ids in kinds.items()} for link_id, kinds in counts.items()}

    def test_members_active_in_a_quarter_equal_an_independent_count(self):
        rows = self.project._network_members_active(date(2026, 1, 1), date(2026, 3, 31))
        found = {row["link"].id: {kind: row[kind] for kind in ("meetings", "sessions", "events") if row[kind]}
                 for row in rows}
        self.assertEqual(found, self._independent_count("2026-01-01", "2026-03-31"))
        # and by hand: who was active, and who was not (n3's operator was absent, n5's meeting and event unapproved
        # or in April)
        self.assertEqual(found, {
            self.link["lead"].id: {"meetings": 1},
            self.link["partner"].id: {"sessions": 1, "events": 1},
            self.link["n1"].id: {"meetings": 1, "events": 1},
            self.link["n2"].id: {"sessions": 1},
            self.link["n4"].id: {"meetings": 1},
        })
        by_link = {row["link"]: row for row in rows}
        n1, sal = by_link[self.link["n1"]], self.env.ref("fami_partners.network_category_sal")
        self.assertEqual((n1["organisation"], n1["role"], n1["category"], n1["category_id"]),
                         ("Org n1", "network", sal.name, sal))
        self.assertEqual(n1["activity"], "1 meeting(s), 1 event(s)")
        self.assertEqual([row["role"] for row in rows], ["lead", "partner", "network", "network", "network"])
        # the second quarter: n5's meetings of April (one at 00:30 on 1 April in Rome)
        q2 = self.project._network_members_active("2026-04-01", "2026-06-30")
        self.assertEqual({row["link"]: row["meetings"] for row in q2}, {self.link["n5"]: 2})
        self.assertEqual(len(q2), len(self._independent_count("2026-04-01", "2026-06-30")))
        grouped = dict(self.project._network_members_active_by_category("2026-01-01", "2026-03-31"))
        self.assertEqual([row["link"] for row in grouped[""]], [self.link["lead"], self.link["partner"]])
        with self.assertRefused(ValidationError, "not before its start"):
            self.project._network_members_active("2026-03-31", "2026-01-01")

    def test_the_quarter_report_lists_them_for_any_user(self):
        wizard = self.env["fami.network.activity"].with_user(self.trainer).create(
            {"project_id": self.project.id, "year": 2026, "quarter": "1"})
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 1, 1), date(2026, 3, 31)))
        wizard.action_compute()
        self.assertEqual(wizard.line_ids.link_id, self.link["lead"] | self.link["partner"] | self.link["n1"]
                         | self.link["n2"] | self.link["n4"])
        self.assertEqual(wizard.line_ids.filtered(lambda line: line.link_id == self.link["partner"]).activity,
                         "1 course session(s), 1 event(s)")


@tagged("post_install", "-at_install")
class TestMeetings(OutcomesCase):
    def _meeting(self, user, **values):
        return self.env["fami.meeting"].with_user(user).create(dict({
            "name": "Tavolo della rete", "project_id": self.demo_project.id, "meeting_type": "network",
            "date_start": "2026-11-10 09:00:00", "date_stop": "2026-11-10 11:00:00"}, **values))

    def test_minutes_decisions_and_their_follow_up(self):
        meeting = self._meeting(self.staff)
        self.assertEqual(meeting.organisation_id, self.cidis, "convened by the user's organisation")
        with self.assertRefused(UserError, "Fill in .*Minutes"):
            meeting.with_user(self.staff).workflow_fire("hold")
        decision = self.env["fami.meeting.decision"].with_user(self.staff).create({
            "meeting_id": meeting.id, "name": "Preparare la scheda di invio", "owner_id": self.trainer.id,
            "deadline": "2026-12-15"})
        activity = decision.activity_ids
        self.assertEqual((activity.user_id, str(activity.date_deadline)), (self.trainer, "2026-12-15"))
        decision.with_user(self.staff).deadline = "2026-12-20"
        self.assertEqual(str(decision.activity_ids.date_deadline), "2026-12-20", "the reminder follows the deadline")
        self.assertEqual(len(decision.activity_ids), 1)
        # the owner (another organisation) reports on it but does not rewrite it
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            decision.with_user(self.trainer).write({"name": "Altro"})
        outsider = self.env["res.users"].create({"name": "Esterno", "login": "meeting_outsider",
                                                 "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        with self.assertRefused(ValidationError, "not a FAMI user"):
            decision.owner_id = outsider
        meeting.with_user(self.staff).write({
            "minutes": MINUTES, "minutes_filename": "verbale.pdf",
            "attendee_link_ids": [(6, 0, [self.env.ref("fami_partners.demo_link_cidis").id,
                                          self.env.ref("fami_partners.demo_link_arpal").id])]})
        meeting.with_user(self.staff).workflow_fire("hold")
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            meeting.with_user(self.staff).workflow_fire("approve")
        meeting.with_user(self.manager).workflow_fire("approve")

        # approved minutes lock the meeting, its file and its decisions, not their follow-up
        with self.assertRefused(UserError, "locked"):
            meeting.with_user(self.manager).write({"name": "Riscritto"})
        with self.assertRefused(UserError, "locked"):
            decision.with_user(self.manager).write({"deadline": "2027-06-30"})
        with self.assertRefused(UserError, "locked"):
            self.env["fami.meeting.decision"].with_user(self.manager).create({
                "meeting_id": meeting.id, "name": "Aggiunta", "owner_id": self.staff.id, "deadline": "2027-01-31"})
        minutes = self.env["ir.attachment"].search([("res_model", "=", "fami.meeting"), ("res_id", "=", meeting.id),
                                                    ("res_field", "=", "minutes")])
        self.assertTrue(minutes)
        with self.assertRefused(UserError, "The files of .* are locked"):
            minutes.with_user(self.manager).write({"datas": base64.b64encode(b"altro")})
        decision.with_user(self.trainer).write({"follow_up": "Scheda condivisa con ARPAL"})
        decision.with_user(self.trainer).action_done()
        self.assertEqual((decision.state, decision.date_done), ("done", fields.Date.context_today(decision)))
        self.assertFalse(decision.activity_ids, "the reminder is marked done")
        self.assertEqual(meeting.decision_open_count, 0)

    def test_decisions_belong_to_their_meeting(self):
        """An owner named in a decision may report on it, not add decisions to the meeting, rewrite or delete them;
        nor does the partnership lose an organisation recorded in approved minutes."""
        region_meeting = self.env.ref("fami_outcomes.demo_meeting_partnership_1")
        decisions = self.env["fami.meeting.decision"]
        values = {"meeting_id": region_meeting.id, "name": "Decisione aggiunta", "deadline": "2027-02-28",
                  "owner_id": self.staff.id}
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            decisions.with_user(self.staff).create(values)
        decision = decisions.with_user(self.manager).create(values)
        with mute_logger(*RULE_LOGGERS):
            with self.assertRefused(AccessError, "report on the decision .* but not change or delete it"):
                decision.with_user(self.staff).write({"name": "Riscritta"})
            with self.assertRefused(AccessError, "report on the decision .* but not change or delete it"):
                decision.with_user(self.staff).unlink()
        decision.with_user(self.staff).write({"follow_up": "In corso"})
        self.assertTrue(decision.exists())
        # ARPAL is in the approved minutes of the demo network meeting
        with self.assertRefused(UserError, "is recorded in Tavolo della rete territoriale - lavoro e servizi, which "
                                           "is Minutes approved: it cannot be removed from the partnership"):
            self.env.ref("fami_partners.demo_link_arpal").unlink()

    def test_meetings_as_the_demo_users(self):
        steering = self.env.ref("fami_outcomes.demo_meeting_steering_1")
        planned = self.env.ref("fami_outcomes.demo_meeting_partnership_1")
        with mute_logger(*RULE_LOGGERS):
            # the staff of C.i.d.i.s. read the Region's meetings but do not change them
            self.assertTrue(planned.with_user(self.staff).read(["name"]))
            with self.assertRaises(AccessError):
                planned.with_user(self.staff).write({"place": "Altrove"})
            # the trainer and the auditor read, create nothing
            for user in (self.trainer, self.auditor):
                self.assertIn(steering, self.env["fami.meeting"].with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self._meeting(user)
            # staff of an organisation outside the project see none of them
            outsider = self.env["res.users"].create({
                "name": "Staff esterno", "login": "meeting_other_staff",
                "groups_id": [(6, 0, [self.env.ref("fami_partners.group_fami_admin_staff").id])]})
            other = self.env["fami.project"].create({"name": "Altro progetto"})
            other.partner_ids = [(0, 0, {"partner_id": self.env["res.partner"].create(
                {"name": "Altra org", "is_company": True}).id, "role": "lead", "user_ids": [(4, outsider.id)]})]
            self.assertFalse(self.env["fami.meeting"].with_user(outsider).search([("id", "=", steering.id)]))
        # the owner of a demo decision reads it with its meeting and reports on it
        decision = self.env.ref("fami_outcomes.demo_decision_network_1_referrals")
        self.assertEqual(decision.activity_ids.user_id, self.mediator)
        decision.with_user(self.mediator).action_done()
        self.assertEqual(decision.state, "done")
