from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import base as guard_module
from .guard_common import GuardCase


@tagged("post_install", "-at_install")
class TestInputGuard(GuardCase):
    """Amounts up to 10^9, counts within a 32-bit integer and not negative, dates within the programme 2021-2029,
    by field type unless the model declares otherwise; NaN and blank names refused; other models untouched."""

    def assert_refused(self, words, **values):
        with self.assertRaises(ValidationError) as refused, mute_logger("odoo.sql_db"):
            self.new_record(**values)
        for word in words:
            self.assertIn(word, str(refused.exception))
        return str(refused.exception)

    def test_amounts_above_a_billion_or_negative_are_refused_naming_the_field_and_the_limit(self):
        self.assert_refused(["Amount", "1,000,000,000.00", "1,000,000,000,000,000.00"], amount=1e15)
        self.assert_refused(["Amount", "negative"], amount=-50)
        self.assert_refused(["Quantity", "1,000,000,000.00"], quantity="1e21")  # strings of digits too
        record = self.new_record(amount=1e9, quantity=1)
        self.assertEqual(record.planned, 1e9)
        with self.assertRaises(ValidationError):
            record.write({"amount": 1e9 + 0.01})

    def test_a_figure_computed_beyond_its_limit_is_refused_naming_what_to_change(self):
        message = self.assert_refused(["Planned", "1,000,000,000.00"], quantity=1e6, amount=1e6)
        self.assertIn("Quantity", message)
        record = self.new_record(quantity=10, amount=1000)
        with self.assertRaises(ValidationError) as refused:
            record.write({"quantity": 1e7})
        self.assertIn("Quantity", str(refused.exception))
        self.assertNotIn("Amount", str(refused.exception).split(":")[-1])  # only what was changed is named

    def test_counts_beyond_a_32_bit_integer_get_a_message_not_a_database_error(self):
        self.assert_refused(["Women", "2,147,483,647"], women=2**31)
        self.assert_refused(["Men", "negative"], men=-1)
        # each count fits, their stored sum would overflow the column: refused before it reaches the database
        self.assert_refused(["People", "2,147,483,647", "Men", "Women"], women=2**31 - 1, men=1)
        self.assertEqual(self.new_record(women=2**31 - 1).people, 2**31 - 1)

    def test_dates_outside_the_programme_are_refused_and_its_first_and_last_days_accepted(self):
        for values in ({"day": "1900-01-01"}, {"day": "2100-01-01"}, {"moment": "1900-01-01 10:00:00"},
                       {"moment": "2100-06-01 10:00:00"}, {"day": "2020-12-31"}, {"day": "2030-01-01"}):
            with self.subTest(values=values):
                message = self.assert_refused(["FAMI 2021-2027 programme"], **values)
                self.assertIn("Day" if "day" in values else "Moment", message)
        record = self.new_record(day="2021-01-01", moment="2029-12-31 10:00:00")
        record.write({"day": "2029-12-31"})
        self.assertEqual(str(record.day), "2029-12-31")

    def test_declared_bounds_replace_those_of_the_type(self):
        record = self.new_record(offset=-30, sequence=-5, stamp="1900-01-01 00:00:00")
        self.assertEqual((record.offset, record.sequence), (-30, -5))  # signed by declaration, an order key
        self.assert_refused(["Offset", "-36,600"], offset=-40000)

    def test_nan_infinite_and_blank_names_are_refused(self):
        self.assert_refused(["Amount", "nan"], amount=float("nan"))
        self.assert_refused(["Quantity"], quantity="inf")
        self.assert_refused(["Name", "empty"], name="   ")

    def test_models_the_suite_neither_owns_nor_governs_pass_through_after_one_lookup(self):
        for name in ("res.partner", "res.users", "ir.attachment", "mail.message", "res.currency"):
            self.assertIsNone(self.env[name]._fami_input_guard(), name)
        self.assertIsNotNone(self.env["fami.guard.tester"]._fami_input_guard())
        self.assertIsNotNone(self.env["fami.workflow"]._fami_input_guard())
        for name in self.env.registry:
            self.env[name]._fami_input_guard()
        # built once per registry: creating records never works it out again
        with patch.object(guard_module, "_build_guard", side_effect=AssertionError("guard built again")):
            self.env["res.partner"].create({"name": "Passing through", "partner_latitude": 45.1})
            self.new_record(amount=10)
        # core models keep core's rules: the suite adds no bound to a partner's figures
        partner = self.env["res.partner"].create({"name": "Far away", "partner_latitude": -1e12})
        self.assertAlmostEqual(partner.partner_latitude, -1e12, places=2)
