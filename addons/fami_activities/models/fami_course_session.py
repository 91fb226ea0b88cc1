from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class FamiCourseSession(models.Model):
    """A lesson of a course. Its attendance register is governed by a workflow (submitted by the trainer,
    approved by a manager, then locked) and it lives on the calendar as a calendar.event, kept in sync both ways."""

    _name = "fami.course.session"
    _description = "Course session"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")
    _order = "start, id"

    course_id = fields.Many2one("fami.course", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="course_id.project_id", store=True, index=True)
    organisation_id = fields.Many2one(related="course_id.organisation_id", store=True, index=True)
    topic = fields.Char()
    start = fields.Datetime(required=True, index=True)
    stop = fields.Datetime(string="End", required=True)
    duration = fields.Float(string="Hours", compute="_compute_duration", store=True)
    trainer_id = fields.Many2one("res.users", index=True)
    venue_id = fields.Many2one("fami.venue", index=True)
    calendar_event_id = fields.Many2one("calendar.event", string="Calendar event", readonly=True, copy=False,
                                        ondelete="set null", index=True)
    attendance_ids = fields.One2many("fami.attendance", "session_id", string="Attendance register")
    present_count = fields.Integer(compute="_compute_presence", store=True, string="Present")
    training_hours_delivered = fields.Float(
        compute="_compute_presence", store=True, string="Training hours delivered",
        help="The session's hours × the participants present, once its attendance register is approved (0 before).")
    color = fields.Integer(related="course_id.color")

    @api.depends("course_id.name", "start")
    @api.depends_context("tz")
    def _compute_display_name(self):
        for session in self:
            # a new lesson has neither course nor start yet: never "False —"
            name = session.course_id.name or self.env._("New lesson")
            when = fields.Datetime.context_timestamp(session, session.start).strftime("%d/%m/%Y %H:%M") \
                if session.start else ""
            session.display_name = f"{name} — {when}" if when else name

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # a trainer recording a lesson holds it (managers, who are trainers too, choose the trainer by hand)
        user = self.env.user
        if "trainer_id" in fields_list and not values.get("trainer_id") \
                and user.has_group("fami_partners.group_fami_trainer") \
                and not user.has_group("fami_partners.group_fami_admin_staff"):
            values["trainer_id"] = user.id
        return values

    @api.onchange("course_id")
    def _onchange_course_id(self):
        """The course's trainer (the user, when they teach it) and venue, unless chosen already."""
        course = self.course_id
        if not course:
            return
        if not self.trainer_id or (course.trainer_ids and self.trainer_id not in course.trainer_ids):
            self.trainer_id = self.env.user if self.env.user in course.trainer_ids else course.trainer_ids[:1]
        if not self.venue_id:
            self.venue_id = course.venue_id

    @api.depends("start", "stop")
    def _compute_duration(self):
        for session in self:
            session.duration = (session.stop - session.start).total_seconds() / 3600 \
                if session.start and session.stop and session.stop > session.start else 0.0

    @api.depends("attendance_ids.status", "duration", "workflow_state_code")
    def _compute_presence(self):
        for session in self:
            session.present_count = len(session.attendance_ids.filtered(lambda a: a.status == "present"))
            # a register counts once approved: a draft one (any date, anyone present) delivers nothing yet
            session.training_hours_delivered = session.present_count * session.duration \
                if session._register_approved() else 0.0

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        # the register names who taught the lesson: without a trainer it proves nothing. The superuser is no
        # person (data files and set-ups move records as it); every user, trainer or manager, is refused
        if transition.code == "submit" and not self.trainer_id and not self.env.su:
            raise UserError(self.env._(
                "The lesson %(lesson)s has no Trainer: choose the trainer who held it before sending the register.",
                lesson=self.display_name))
        return result

    def _register_approved(self):
        self.ensure_one()
        return self.workflow_state_code == "approved"

    # ------------------------------------------------------------ checks

    @api.constrains("start", "stop", "trainer_id", "venue_id")
    def _check_schedule(self):
        for session in self:
            if session.stop <= session.start:
                raise ValidationError(self.env._("The session of %(course)s ends before it starts: put the End after "
                                                 "the Start.", course=session.course_id.name))
            conflict = self._booking_conflict(session.start, session.stop, session.trainer_id, session.venue_id,
                                              exclude_ids=session.ids)
            if conflict:
                raise ValidationError(conflict)

    @api.constrains("venue_id", "course_id")
    def _check_venue_capacity(self):
        for session in self.filtered("venue_id"):
            problem = self._venue_capacity_problem(session.venue_id, session.course_id)
            if problem:
                raise ValidationError(problem)

    # The checks below take values, not records, so that a whole calendar can be checked before anything is
    # created (wizard/fami_session_import.py); each returns the message refusing the session, or False.

    @api.model
    def _booking_conflict(self, start, stop, trainer, venue, exclude_ids=()):
        """The trainer or the venue is already booked between start and stop."""
        messages = {
            "trainer_id": self.env._(
                "The trainer %(name)s is already booked at that time for %(other)s: choose another "
                "time or another trainer."),
            "venue_id": self.env._(
                "The venue %(name)s is already booked at that time for %(other)s: choose another time "
                "or another venue."),
        }
        for field, booked in (("trainer_id", trainer), ("venue_id", venue)):
            if not booked:
                continue
            # sudo: a booking in a course the user cannot see is still a conflict
            other = self.sudo().search([("id", "not in", list(exclude_ids)), (field, "=", booked.id),
                                        ("start", "<", stop), ("stop", ">", start)], limit=1)
            if other:
                return messages[field] % {"name": booked.display_name, "other": other.display_name}
        return False

    @api.model
    def _venue_capacity_problem(self, venue, course):
        """The venue has fewer seats than the course's enrolled participants."""
        enrolled = course.enrolled_count
        if venue.seats and enrolled > venue.seats:
            return self.env._("The venue %(venue)s has %(seats)s seats but %(course)s has %(enrolled)s participants: "
                              "choose a larger "
                              "venue.", venue=venue.name, seats=venue.seats, course=course.name, enrolled=enrolled)
        return False

    @api.model
    def _participant_conflict(self, course, start, stop, exclude_ids=()):
        """The course already holds a session between start and stop, or one of its participants attends a
        session of another course then. Participants are named by their display name: beneficiaries by their
        pseudonymous code."""
        # sudo: a session the user cannot see still keeps its participants busy; the message names the session
        # and the participants' codes or contact names, no personal data
        overlapping = self.sudo().search([("id", "not in", list(exclude_ids)), ("start", "<", stop),
                                          ("stop", ">", start)])
        same_course = overlapping.filtered(lambda other: other.course_id == course)[:1]
        if same_course:
            return self.env._("%(course)s already has a session at that time (%(other)s): a course holds one session "
                              "at a time.", course=course.name, other=same_course.display_name)
        enrolled = course.enrolment_ids.sudo()  # sudo: compared with the participants of sessions out of sight
        for other in overlapping:
            shared = other.course_id.enrolment_ids.filtered(
                lambda enrolment: (enrolment.partner_id and enrolment.partner_id in enrolled.partner_id)
                or (enrolment.beneficiary_id and enrolment.beneficiary_id in enrolled.beneficiary_id))
            if shared:
                return self.env._("%(names)s, enrolled in %(course)s, already attend %(other)s at that time: choose "
                                  "another time.", names=", ".join(shared.mapped("display_name")), course=course.name,
                                  other=other.display_name)
        return False

    # ------------------------------------------------------------ calendar sync

    def _event_values(self):
        self.ensure_one()
        partners = self.trainer_id.partner_id | self.course_id.enrolment_ids.partner_id
        return {"name": self.display_name, "start": self.start, "stop": self.stop,
                "location": self.venue_id.display_name or False, "user_id": self.trainer_id.id or self.env.uid,
                "partner_ids": [Command.set(partners.ids)], "fami_session_id": self.id}

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions._sync_calendar_events()
        return sessions

    def write(self, vals):
        result = super().write(vals)
        if {"start", "stop", "trainer_id", "venue_id", "topic", "course_id"} & set(vals) \
                and not self.env.context.get("fami_from_calendar"):
            self._sync_calendar_events()
        elif "start" in vals and self.env.context.get("fami_from_calendar"):
            # moved in the calendar: the event keeps its new times but its title names the session's new date
            for session in self.filtered("calendar_event_id"):
                # sudo: the session's own event, written as _sync_calendar_events does (the event belongs to the
                # trainer, whom the user moving the session may not be)
                session.calendar_event_id.sudo().with_context(fami_from_session=True).write(
                    {"name": session.display_name})
        return result

    def unlink(self):
        events = self.calendar_event_id
        result = super().unlink()
        events.with_context(fami_from_session=True).unlink()
        return result

    def _sync_calendar_events(self):
        # no invitation e-mails: participants are informed by the course organisation
        calendar = self.env["calendar.event"].sudo().with_context(
            fami_from_session=True, no_mail_to_attendees=True, dont_notify=True, mail_create_nolog=True)
        for session in self:
            if session.calendar_event_id:
                calendar.browse(session.calendar_event_id.id).write(session._event_values())
            else:
                session.calendar_event_id = calendar.create(session._event_values())

    # ------------------------------------------------------------ register

    def action_fill_register(self):
        """One line per participant who has none yet, marked present for the whole session."""
        for session in self:
            missing = session.course_id.enrolment_ids - session.attendance_ids.enrolment_id
            self.env["fami.attendance"].create([{"session_id": session.id, "enrolment_id": enrolment.id}
                                                for enrolment in missing])
        return True

    def action_open_register(self):
        self.ensure_one()
        self.action_fill_register()
        return {"type": "ir.actions.act_window", "res_model": "fami.attendance", "name": self.display_name,
                "view_mode": "kanban,list", "domain": [("session_id", "=", self.id)],
                "views": [(self.env.ref("fami_activities.fami_attendance_view_kanban_register").id, "kanban"),
                          (False, "list")],
                "context": {"default_session_id": self.id}}
