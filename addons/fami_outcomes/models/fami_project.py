from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import outcome_rules
from .fami_certificate import PROJECT_TZ

ROLE_ORDER = {"lead": 0, "partner": 1, "network": 2}


class FamiProject(models.Model):
    _inherit = "fami.project"

    outcome_followup_months = fields.Integer(
        string="Follow-up after (months)", default=6,
        help="How many months after the end of an activity participants are followed up again (Plan follow-ups on "
             "a course).")
    meeting_ids = fields.One2many("fami.meeting", "project_id", string="Meetings")
    meeting_count = fields.Integer(string="Number of meetings", compute="_compute_governance_counts")
    communication_count = fields.Integer(string="Communication products", compute="_compute_governance_counts")

    @api.constrains("outcome_followup_months")
    def _check_outcome_followup_months(self):
        for project in self:
            if not 1 <= project.outcome_followup_months <= 60:
                raise ValidationError(self.env._(
                    "Follow-up after (months) of %(project)s must be between 1 and 60, not %(months)s.",
                    project=project.name, months=project.outcome_followup_months))

    def _compute_governance_counts(self):
        meetings = dict(self.env["fami.meeting"]._read_group(
            [("project_id", "in", self.ids)], ["project_id"], ["__count"]))
        products = dict(self.env["fami.communication"]._read_group(
            [("project_id", "in", self.ids)], ["project_id"], ["__count"]))
        for project in self:
            project.meeting_count = meetings.get(project, 0)
            project.communication_count = products.get(project, 0)

    # ------------------------------------------------------------ the network's activity

    def _network_members_active(self, date_from, date_to):
        """The organisations of the project's partnership and network (``fami.project.partner``, every role)
        active between ``date_from`` and ``date_to`` (dates, both included, Italian time), for the network
        section of the quarterly monitoring return.

        An organisation is active when, in the period, it

        * was present at a meeting (``fami.meeting``) whose minutes are approved (Organisations present);
        * had one of its operators (a contact of the organisation) present in a course session whose attendance
          register is approved, or ran the course of such a session (Responsible organisation);
        * organised an approved public event (``fami.event``), or took part in one (Network members taking part).

        Returns a list of dicts, one per active organisation, ordered by role (lead partner, partners, network)
        then network category and name::

            {"link": fami.project.partner, "partner": res.partner, "organisation": str,
             "role": "lead" | "partner" | "network", "role_label": str,
             "category_id": fami.network.category (may be empty), "category": str ("" without one),
             "meetings": int, "sessions": int, "events": int, "activity": str}

        where the numbers count distinct meetings, sessions and events and ``activity`` says the same in words
        in the user's language ("2 meetings, 3 course sessions"). Only approved records count, like the
        indicators; the result is an aggregate of the whole project, computed as superuser (it names
        organisations, never people) — callers decide who sees it. ``_network_members_active_by_category``
        groups the same rows by category.
        """
        self.ensure_one()
        start, stop = self._utc_bounds(date_from, date_to)
        # sudo: an aggregate of the whole project, like its indicators: every organisation's approved records count
        project = self.sudo()
        links = project.partner_ids
        link_of = {link.partner_id.id: link for link in links}
        evidence = []

        # sudo: the project-wide aggregate above; approved meetings of every organisation count
        meetings = self.env["fami.meeting"].sudo().search([
            ("project_id", "=", project.id), ("workflow_state_code", "=", "approved"),
            ("date_start", ">=", start), ("date_start", "<", stop)])
        for meeting in meetings:
            evidence += [(link.id, "meetings", meeting.id) for link in meeting.attendee_link_ids if link in links]

        # sudo: as above, sessions with an approved register of every organisation's courses
        sessions = self.env["fami.course.session"].sudo().search([
            ("project_id", "=", project.id), ("workflow_state_code", "=", "approved"),
            ("start", ">=", start), ("start", "<", stop)])
        for session in sessions:
            if session.organisation_id.id in link_of:
                evidence.append((link_of[session.organisation_id.id].id, "sessions", session.id))
        # the operators present, with the sessions each was present at, gathered by PostgreSQL: a quarter of a large
        # project holds thousands of register lines, which read one by one took a third of a second
        for enrolment, session_ids in self.env["fami.attendance"].sudo()._read_group(
                [("session_id", "in", sessions.ids), ("status", "=", "present"),
                 ("enrolment_id.partner_id", "!=", False)],
                ["enrolment_id"], ["session_id:array_agg"]):
            organisation = enrolment.partner_id.commercial_partner_id
            if organisation.id in link_of:
                evidence += [(link_of[organisation.id].id, "sessions", session_id) for session_id in session_ids]

        # sudo: as above, approved events of every organisation
        events = self.env["fami.event"].sudo().search([
            ("project_id", "=", project.id), ("workflow_state_code", "=", "approved"),
            ("date_start", ">=", start), ("date_start", "<", stop)])
        for event in events:
            taking_part = {link.id for link in event.network_link_ids if link in links}
            if event.organisation_id.id in link_of:
                taking_part.add(link_of[event.organisation_id.id].id)
            evidence += [(link_id, "events", event.id) for link_id in taking_part]

        counts = outcome_rules.count_activity(evidence)
        roles = dict(self.env["fami.project.partner"]._fields["role"]._description_selection(self.env))
        rows = []
        for link in links.filtered(lambda lnk: lnk.id in counts).with_env(self.env):
            # sudo: the organisation's name and category belong to the aggregate (see above)
            shown = link.sudo()
            numbers = {kind: counts[link.id].get(kind, 0) for kind in ("meetings", "sessions", "events")}
            rows.append(dict(
                numbers, link=link, partner=link.partner_id, organisation=shown.partner_id.name, role=shown.role,
                role_label=roles.get(shown.role, shown.role), category_id=link.network_category_id,
                category=shown.network_category_id.name or "", activity=self._activity_words(numbers),
                sort_key=(ROLE_ORDER.get(shown.role, 9), shown.network_category_id.sequence,
                          shown.network_category_id.name or "", shown.partner_id.name or "")))
        rows.sort(key=lambda row: row.pop("sort_key"))
        return rows

    def _network_members_active_by_category(self, date_from, date_to):
        """The rows of ``_network_members_active`` grouped by network category: a list of (category name, rows),
        in the order of the rows (the lead partner and partners, without a category, under "")."""
        grouped = {}
        for row in self._network_members_active(date_from, date_to):
            grouped.setdefault(row["category"], []).append(row)
        return list(grouped.items())

    def _activity_words(self, numbers):
        parts = []
        if numbers["meetings"]:
            parts.append(self.env._("%(count)s meeting(s)", count=numbers["meetings"]))
        if numbers["sessions"]:
            parts.append(self.env._("%(count)s course session(s)", count=numbers["sessions"]))
        if numbers["events"]:
            parts.append(self.env._("%(count)s event(s)", count=numbers["events"]))
        return ", ".join(parts)

    @api.model
    def _utc_bounds(self, date_from, date_to):
        """The UTC datetimes (naive, as Odoo stores them) from the start of date_from to the end of date_to, in
        Italian time."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            raise ValidationError(self.env._(
                "Give a period whose end (%(end)s) is not before its start (%(start)s).", end=date_to,
                start=date_from))

        def utc(day):
            return PROJECT_TZ.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + timedelta(days=1))

    # ------------------------------------------------------------ actions

    def action_open_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_outcomes.fami_meeting_action")
        action.update(domain=[("project_id", "=", self.id)], context={"default_project_id": self.id})
        return action

    def action_open_communication(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_outcomes.fami_communication_action")
        action.update(domain=[("project_id", "=", self.id)], context={"default_project_id": self.id})
        return action

    def action_open_network_activity(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        year, quarter = outcome_rules.quarter_of(today)
        return {"type": "ir.actions.act_window", "res_model": "fami.network.activity", "view_mode": "form",
                "target": "new", "name": self.env._("Network activity in a quarter"),
                "context": {"default_project_id": self.id, "default_year": year, "default_quarter": str(quarter)}}
