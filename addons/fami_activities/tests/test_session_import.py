import base64
import io
from datetime import datetime, time

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_courses import FamiActivitiesCase

HEADER = ["date", "start", "end", "venue", "trainer", "topic"]


@tagged("post_install", "-at_install")
class TestSessionImport(FamiActivitiesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sessions = cls.env["fami.course.session"]

    def _xlsx(self, rows):
        workbook = openpyxl.Workbook()
        for row in [HEADER, *rows]:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _wizard(self, content, name="calendario.xlsx", course=None):
        return self.env["fami.session.import"].with_user(self.manager).create({
            "course_id": (course or self.course).id, "file": base64.b64encode(content), "file_name": name})

    def _all_sessions(self):
        return self.sessions.search([])

    def test_clean_csv_creates_every_session_in_one_batch(self):
        content = ("data;inizio;fine;sede;docente;argomento\n"
                   "10/03/2026;15:00;17:00;aula 1;act_trainer;Accoglienza\n"
                   "2026-03-12;9.30;12.30;;;Diritti\n"
                   "13/03/2026;15;17;Aula 1;act_trainer;\n").encode("cp1252")
        before = self._all_sessions()
        action = self._wizard(content, "calendario.csv").action_import()
        created = self._all_sessions() - before
        self.assertEqual(action["res_model"], "fami.course.session")
        self.assertEqual(set(action["domain"][0][2]), set(created.ids))
        self.assertEqual(len(created), 3)
        created = created.sorted("start")
        # Rome is UTC+1 in March until the 29th
        self.assertEqual(created.mapped("start"), [datetime(2026, 3, 10, 14), datetime(2026, 3, 12, 8, 30),
                                                   datetime(2026, 3, 13, 14)])
        self.assertEqual(created[1].stop, datetime(2026, 3, 12, 11, 30))
        self.assertEqual(created.mapped("trainer_id"), self.trainer)
        self.assertEqual(created[0].venue_id, self.venue, "venue names match without regard to case")
        self.assertFalse(created[1].venue_id)
        self.assertEqual(created.mapped("topic"), ["Accoglienza", "Diritti", False])
        self.assertTrue(all(created.mapped("calendar_event_id")))
        self.assertEqual(created.course_id, self.course)

    def test_one_conflicting_row_creates_nothing_and_is_reported(self):
        other_course = self._course("Corso bis", trainer_ids=[(6, 0, self.trainer.ids)], venue_id=False,
                                    enrolment_ids=[])
        self._session(other_course, datetime(2026, 3, 17, 14), trainer_id=self.trainer.id)  # 15:00-17:00 in Rome
        content = self._xlsx([
            [datetime(2026, 3, 10), time(15), time(17), "Aula 1", "act_trainer", "Modulo 1"],
            [datetime(2026, 3, 17), time(16), time(18), "Aula 1", "act_trainer", "Modulo 2"],
            [datetime(2026, 3, 24), time(15), time(17), "Aula 1", "act_trainer", "Modulo 3"],
        ])
        before = self._all_sessions()
        wizard = self._wizard(content)
        action = wizard.action_import()
        self.assertEqual(self._all_sessions(), before, "nothing is created")
        self.assertEqual((action["res_model"], action["res_id"]), ("fami.session.import", wizard.id))
        self.assertEqual(wizard.state, "rejected")
        self.assertEqual(wizard.line_ids.mapped("row"), [3])
        self.assertRegex(wizard.line_ids.reason, "trainer .* is already booked at that time for Corso bis")
        wizard.action_upload_again()
        self.assertEqual((wizard.state, wizard.line_ids.ids, wizard.file), ("upload", [], False))

    def test_every_kind_of_rejected_row_is_reported(self):
        busy = self.env["res.partner"].create({"name": "Operatrice impegnata", "parent_id": self.org.id})
        other_course = self._course("Corso ter", trainer_ids=[(6, 0, self.trainer_2.ids)], venue_id=False,
                                    enrolment_ids=[(0, 0, {"partner_id": busy.id})])
        self._session(other_course, datetime(2026, 4, 7, 8))  # 10:00-12:00 in Rome
        self.env["fami.course.enrolment"].create({"course_id": self.course.id, "partner_id": busy.id})
        small = self.env["fami.venue"].create({"name": "Stanzetta", "seats": 2})
        content = self._xlsx([
            ["31/02/2026", time(15), time(17), "Aula 1", "", ""],  # 2: no such date
            [datetime(2026, 4, 1), "quindici", time(17), "", "", ""],  # 3: not a time
            [datetime(2026, 4, 2), time(17), time(15), "", "", ""],  # 4: ends before it starts
            [datetime(2026, 4, 3), time(9), time(11), "Aula 9", "nessuno", ""],  # 5: unknown venue and trainer
            [datetime(2026, 4, 6), time(9), time(11), "Stanzetta", "", ""],  # 6: 2 seats, 3 participants
            [datetime(2026, 4, 7), time(11), time(13), "", "", ""],  # 7: a participant is in Corso ter
            [datetime(2026, 4, 8), time(9), time(11), "", "", ""],  # 8: fine alone...
            [datetime(2026, 4, 8), time(10), time(12), "", "", ""],  # 9: ...but row 9 overlaps it
            [None, None, None, None, None, None],  # blank rows are skipped
        ])
        before = self._all_sessions()
        wizard = self._wizard(content)
        wizard.action_import()
        self.assertEqual(self._all_sessions(), before)
        self.assertEqual(small.session_ids, self.sessions)
        reasons = {}
        for line in wizard.line_ids:
            reasons.setdefault(line.row, []).append(line.reason)
        self.assertEqual(sorted(reasons), [2, 3, 4, 5, 6, 7, 9])
        self.assertIn("31/02/2026 is not a date", reasons[2][0])
        self.assertIn("start time quindici is not a time", reasons[3][0])
        self.assertIn("ends at 15:00, not after it starts at 17:00", reasons[4][0])
        self.assertEqual(len(reasons[5]), 2)
        self.assertIn("No venue is named Aula 9", " ".join(reasons[5]))
        self.assertIn("No user is named or logs in as nessuno", " ".join(reasons[5]))
        self.assertIn("Stanzetta has 2 seats but Corso mediazione has 3 participants", reasons[6][0])
        self.assertIn("Operatrice impegnata, enrolled in Corso mediazione, already attend Corso ter", reasons[7][0])
        self.assertIn("overlaps the one of row 8", reasons[9][0])

    def test_an_existing_session_of_the_course_is_a_conflict(self):
        self._session(self.course, datetime(2026, 5, 5, 13))
        wizard = self._wizard(self._xlsx([[datetime(2026, 5, 5), time(16), time(17), "", "", ""]]))
        wizard.action_import()
        self.assertIn("Corso mediazione already has a session at that time", wizard.line_ids.reason)

    def test_files_that_are_not_calendars_get_a_clear_error(self):
        cases = [
            (b"%PDF-1.4\x00\x01binary", "scansione.pdf", "scansione.pdf is not a spreadsheet"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "vecchio.xls", "old Excel format"),
            (b"PK\x03\x04not really a zip", "finto.xlsx", "finto.xlsx is not a spreadsheet"),
            ("nome;cognome\nAmina;Benali\n".encode(), "persone.csv", "has no column date, start, end"),
            (self._xlsx([]), "vuoto.xlsx", "holds no session"),
        ]
        for content, name, message in cases:
            with self.subTest(name=name), self.assertRaisesRegex(UserError, message):
                self._wizard(content, name).action_import()
        with self.assertRaisesRegex(UserError, "Choose the spreadsheet"):
            self.env["fami.session.import"].create({"course_id": self.course.id}).action_import()

    def test_template_is_a_calendar_the_import_reads(self):
        action = self.course.with_user(self.manager).action_open_import_wizard()
        wizard = self.env["fami.session.import"].browse(action["res_id"])
        self.assertIn(f"/web/content/fami.session.import/{wizard.id}/template_file/",
                      wizard.action_download_template()["url"])
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)))
        rows = list(workbook.active.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), HEADER)
        self.assertEqual(rows[1][3:5], ("Aula 1", "act_trainer"))
        wizard.file = wizard.template_file
        wizard.action_import()
        self.assertEqual(len(self.course.session_ids), 2)
