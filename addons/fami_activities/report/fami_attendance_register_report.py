from odoo import api, models


class FamiAttendanceRegisterReport(models.AbstractModel):
    """The printed attendance register of a lesson. Participants sign it against their name, so it prints the
    first and last name of each participant of the lesson's course — and nothing else of them (no codice fiscale,
    address or vulnerability) — to whoever may read the lesson (its trainer, the course's organisation, managers
    and auditors). Each print is logged as an export of those people's data (fami_beneficiaries)."""

    _name = "report.fami_activities.report_attendance_register"
    _description = "Attendance register (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        sessions = self.env["fami.course.session"].browse(docids)
        # the user's own right to read the lessons (record rules included) is what opens their participants' names
        sessions.check_access("read")
        names = {}
        # sudo: the names are read past the "Beneficiary personal data" group only for the participants enrolled
        # in the lessons' own courses, which the user may read (checked above); only first and last name leave
        # this method, and the print is logged below like any export of personal data
        enrolments = sessions.sudo().course_id.enrolment_ids
        for enrolment in enrolments:
            person = enrolment.beneficiary_id
            if person:
                names[enrolment.id] = " ".join(filter(None, (person.last_name, person.first_name))) or person.code
            else:
                names[enrolment.id] = enrolment.partner_id.name or ""
        enrolments.beneficiary_id.with_env(self.env)._log_access("export")
        return {
            "doc_ids": sessions.ids,
            "doc_model": "fami.course.session",
            "docs": sessions,
            "participant_name": lambda enrolment: names.get(enrolment.id, ""),
        }
