from odoo import fields, models, tools
from odoo.tools import SQL

from .fami_course_enrolment import INTEGRATION_ANSWERS


class FamiMonitoringParticipation(models.Model):
    """Every approved participation of a beneficiary in the project, one row each (a database view): present in a
    session whose register is approved, an approved service access, named on an approved event or on approved
    mediation hours. The monitoring returns and the EU indicators count distinct people over it, so that a person
    with three activities in a quarter counts once; an anonymised person keeps their rows (only their personal
    data went)."""

    _name = "fami.monitoring.participation"
    _description = "Participation of a beneficiary in an approved activity"
    _auto = False
    _order = "date desc, id desc"

    kind = fields.Selection([("course", "Course session"), ("service", "Service access"), ("event", "Event"),
                             ("mediation", "Intercultural mediation")], readonly=True)
    date = fields.Date(readonly=True)
    project_id = fields.Many2one("fami.project", readonly=True)
    beneficiary_id = fields.Many2one("fami.beneficiary", readonly=True)
    organisation_id = fields.Many2one("res.partner", readonly=True)
    action_id = fields.Many2one("fami.project.action", string="Work package", readonly=True)
    activity_kind = fields.Char(string="Type of activity", readonly=True,
                                help="The kind of course (italian, civic, job...), the support of a service access "
                                     "(orientation, job_search, legal...), the kind of event, or where a mediation "
                                     "took place, as their technical codes.")
    integration_helped = fields.Selection(INTEGRATION_ANSWERS, string="Helpful for integration", readonly=True)
    course_id = fields.Many2one("fami.course", readonly=True)
    enrolment_id = fields.Many2one("fami.course.enrolment", string="Participant", readonly=True)
    service_access_id = fields.Many2one("fami.service.access", string="Service access", readonly=True)
    event_id = fields.Many2one("fami.event", readonly=True)
    timesheet_id = fields.Many2one("account.analytic.line", string="Mediation hours", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))

    def _query(self):
        # The id is computed from the row's source (an attendance or an access; an event or mediation line and the
        # person named on it, unique below 16,777,216 people), not numbered with ROW_NUMBER(): a window function
        # over the union kept PostgreSQL from applying a project's and a period's conditions inside it, so every
        # count read the participations of every project (58 ms for one project's quarter at scale 1).
        event_people = self.env["fami.event"]._fields["beneficiary_ids"]
        mediation_people = self.env["account.analytic.line"]._fields["fami_beneficiary_ids"]
        return SQL(
            """
            SELECT CASE rows.kind WHEN 'course' THEN rows.source_id::bigint * 4
                                  WHEN 'service' THEN rows.source_id::bigint * 4 + 1
                                  WHEN 'event' THEN ((rows.source_id::bigint << 24) + rows.beneficiary_id) * 4 + 2
                                  ELSE ((rows.source_id::bigint << 24) + rows.beneficiary_id) * 4 + 3
                   END AS id, rows.*
              FROM (
                SELECT 'course' AS kind, attendance.id AS source_id,
                       (session.start AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Rome')::date AS date,
                       session.project_id, enrolment.beneficiary_id, course.organisation_id, course.action_id,
                       course.kind AS activity_kind, enrolment.integration_helped, course.id AS course_id,
                       enrolment.id AS enrolment_id, NULL::integer AS service_access_id, NULL::integer AS event_id,
                       NULL::integer AS timesheet_id
                  FROM fami_attendance attendance
                  JOIN fami_course_session session ON session.id = attendance.session_id
                  JOIN fami_course_enrolment enrolment ON enrolment.id = attendance.enrolment_id
                  JOIN fami_course course ON course.id = session.course_id
                 WHERE attendance.status = 'present' AND session.workflow_state_code = 'approved'
                   AND enrolment.beneficiary_id IS NOT NULL
                UNION ALL
                SELECT 'service', access.id, access.date, access.project_id, access.beneficiary_id,
                       service.organisation_id, service.action_id, access.support_kind, access.integration_helped,
                       NULL, NULL, access.id, NULL, NULL
                  FROM fami_service_access access
                  JOIN fami_service service ON service.id = access.service_id
                 WHERE access.workflow_state_code = 'approved'
                UNION ALL
                SELECT 'event', event.id, (event.date_start AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Rome')::date,
                       event.project_id, named.%(event_person)s, event.organisation_id, event.action_id, event.kind,
                       NULL, NULL, NULL, NULL, event.id, NULL
                  FROM fami_event event
                  JOIN %(event_people)s named ON named.%(event_column)s = event.id
                 WHERE event.workflow_state_code = 'approved'
                UNION ALL
                SELECT 'mediation', line.id, line.date, line.fami_project_id, helped.%(line_person)s, NULL, NULL,
                       line.fami_service_kind, NULL, NULL, NULL, NULL, NULL, line.id
                  FROM account_analytic_line line
                  JOIN %(line_people)s helped ON helped.%(line_column)s = line.id
                 WHERE line.workflow_state_code = 'approved' AND line.fami_project_id IS NOT NULL
              ) AS rows
            """,
            event_people=SQL.identifier(event_people.relation), event_column=SQL.identifier(event_people.column1),
            event_person=SQL.identifier(event_people.column2),
            line_people=SQL.identifier(mediation_people.relation), line_column=SQL.identifier(mediation_people.column1),
            line_person=SQL.identifier(mediation_people.column2))
