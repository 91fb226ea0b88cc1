import base64
from datetime import time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.sql import escape_psql

from ..lib import calendar_import


class FamiSessionImport(models.TransientModel):
    """A course's sessions from a spreadsheet (date, start, end, venue, trainer, topic). Every row is checked —
    its cells, the venue and trainer it names, their bookings, the venue's seats, the participants' other sessions
    and the other rows of the file — before anything is created: one rejected row and nothing is created, the
    wizard lists the rejected rows instead."""

    _name = "fami.session.import"
    _description = "Import a course's sessions from a spreadsheet"

    course_id = fields.Many2one("fami.course", required=True, ondelete="cascade")
    file = fields.Binary(string="Spreadsheet", attachment=False,
                         help="An .xlsx or .csv file with the columns date, start, end, venue, trainer, topic (or "
                              "data, inizio, fine, sede, docente, argomento).")
    file_name = fields.Char(string="File name")
    state = fields.Selection([("upload", "Upload"), ("rejected", "Rejected")], default="upload", required=True)
    line_ids = fields.One2many("fami.session.import.line", "wizard_id", string="Rejected rows", readonly=True)
    template_file = fields.Binary(string="Template", compute="_compute_template_file", attachment=False)

    @api.depends("course_id")
    def _compute_template_file(self):
        for wizard in self:
            wizard.template_file = base64.b64encode(calendar_import.template(wizard._template_examples()))

    def _template_examples(self):
        """Two example rows next Monday, in the course's venue with its first trainer."""
        today = fields.Date.context_today(self)
        monday = today + timedelta(days=7 - today.weekday())
        venue = self.course_id.venue_id.name or ""
        trainer = self.course_id.trainer_ids[:1].login or ""
        return [(monday, time(15), time(17), venue, trainer, self.env._("Module 1")),
                (monday + timedelta(days=2), time(15), time(17), venue, trainer, self.env._("Module 2"))]

    def action_download_template(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{self._name}/{self.id}/template_file/fami_sessions.xlsx?download=true"}

    def action_upload_again(self):
        self.ensure_one()
        self.write({"state": "upload", "file": False, "file_name": False, "line_ids": [Command.clear()]})
        return self._reopen()

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.env._("Import sessions")}

    # ------------------------------------------------------------ import

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the spreadsheet to import in the field Spreadsheet."))
        rows, problems = self._read_file()
        values, rejected = self._check_rows(rows)
        rejected += [(problem.row, self._problem_message(problem)) for problem in problems]
        if rejected:
            self.write({"state": "rejected", "line_ids": [Command.clear()] + [
                Command.create({"row": row, "reason": reason}) for row, reason in sorted(rejected)]})
            return self._reopen()
        sessions = self.env["fami.course.session"].create(values)
        return {"type": "ir.actions.act_window", "res_model": "fami.course.session", "name": self.env._(
            "Imported sessions"),
                "view_mode": "list,calendar,form", "domain": [("id", "in", sessions.ids)]}

    def _read_file(self):
        name = self.file_name or self.env._("The file")
        try:
            return calendar_import.parse(calendar_import.read_rows(base64.b64decode(self.file)))
        except calendar_import.NotASpreadsheet as error:
            if error.kind == "xls":
                raise UserError(self.env._("%(file)s is in the old Excel format (.xls): save it as .xlsx or .csv and "
                                           "upload it again.", file=name)) from None
            raise UserError(self.env._("%(file)s is not a spreadsheet: upload an .xlsx or .csv file with the columns "
                                       "date, start, end, venue, trainer, topic.", file=name)) from None
        except calendar_import.BadLayout as error:
            if error.too_many:
                raise UserError(self.env._(
                    "%(file)s has more than %(max)s rows: split it into smaller files.", file=name,
                    max=calendar_import.MAX_ROWS)) from None
            if error.missing:
                raise UserError(self.env._("%(file)s has no column %(columns)s: its first row must name the columns "
                                           "date, start, end, venue, trainer, topic.", file=name,
                                           columns=", ".join(error.missing))) from None
            raise UserError(self.env._("%(file)s holds no session: fill one row per session under the header.",
                                       file=name)) from None

    def _problem_message(self, problem):
        params = problem.params
        if problem.code == "date":
            return self.env._("The date %(value)s is not a date: write it as 10/03/2026 or 2026-03-10.",
                              value=params["value"] or self.env._("(empty)"))
        if problem.code == "time":
            column = self.env._("start") if params["column"] == "start" else self.env._("end")
            return self.env._("The %(column)s time %(value)s is not a time: write it as 15:00.", column=column,
                              value=params["value"] or self.env._("(empty)"))
        return self.env._("The session ends at %(end)s, not after it starts at %(start)s: put the end after the start.",
                          end=params["end"], start=params["start"])

    def _check_rows(self, rows):
        """(values of the sessions to create, [(row, reason)] of the rejected ones): every row is checked against
        the database and the other rows, with the checks fami.course.session applies itself."""
        Session = self.env["fami.course.session"]
        course = self.course_id
        timezone = pytz.timezone(self.env.user.tz or "Europe/Rome")
        venues, trainers = {}, {}
        values, rejected = [], []
        for row in rows:
            reasons = []
            venue = self._find(row.venue, venues, self._find_venue, reasons)
            trainer = self._find(row.trainer, trainers, self._find_trainer, reasons)
            start, stop = (timezone.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)
                           for moment in (row.start, row.stop))
            reasons += [reason for reason in (
                Session._booking_conflict(start, stop, trainer, venue),
                venue and Session._venue_capacity_problem(venue, course),
                Session._participant_conflict(course, start, stop)) if reason]
            rejected += [(row.row, reason) for reason in reasons]
            values.append({"course_id": course.id, "start": start, "stop": stop, "trainer_id": trainer.id,
                           "venue_id": venue.id, "topic": row.topic or False})
        for row, other in calendar_import.overlapping_rows(rows).items():
            rejected.append((row, self.env._("The session overlaps the one of row %(other)s: a course holds one "
                                             "session at a time.", other=other)))
        return values, rejected

    def _find(self, name, cache, finder, reasons):
        """The record `name` designates (none for an empty cell), looked up once per name; a reason when no record
        or several match."""
        if name not in cache:
            cache[name] = finder(name)
        record, reason = cache[name]
        if reason:
            reasons.append(reason)
        return record

    def _find_venue(self, name):
        if not name:
            return self.env["fami.venue"], None
        venues = self.env["fami.venue"].search([("name", "=ilike", escape_psql(name))])
        if not venues:
            return venues, self.env._("No venue is named %(name)s: create it under Configuration > Venues or correct "
                                      "the name.", name=name)
        if len(venues) > 1:
            return venues.browse(), self.env._("Several venues are named %(name)s: rename one of them.", name=name)
        return venues, None

    def _find_trainer(self, name):
        if not name:
            return self.env["res.users"], None
        users = self.env["res.users"].search([("share", "=", False), "|", ("login", "=ilike", escape_psql(name)),
                                              ("name", "=ilike", escape_psql(name))])
        if len(users) > 1:
            users = users & self.course_id.trainer_ids or users
        if not users:
            return users, self.env._("No user is named or logs in as %(name)s: write the trainer's login or full name.",
                                     name=name)
        if len(users) > 1:
            return users.browse(), self.env._("Several users are named %(name)s: write the trainer's login instead.",
                                              name=name)
        return users, None


class FamiSessionImportLine(models.TransientModel):
    _name = "fami.session.import.line"
    _description = "Rejected row of a session import"
    _order = "row, id"

    wizard_id = fields.Many2one("fami.session.import", required=True, ondelete="cascade")
    row = fields.Integer(help="Row of the spreadsheet; the header is row 1.")
    reason = fields.Char()
