from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestIdentifiers(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.project = cls.env["fami.project"].create({"name": "Identifiers test"})

    def test_cup_is_stored_normalised(self):
        self.project.cup = " j91b 2100001000 6"
        self.assertEqual(self.project.cup, "J91B21000010006")

    def test_invalid_cup_is_refused_naming_the_field(self):
        for value in ("J91B2100001000", "191B21000010006", "J91B21000010006X", "J91B2100001000!"):
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught:
                self.project.cup = value
                self.project.flush_recordset()
            self.assertIn("CUP", str(caught.exception))
            self.assertIn(value.upper(), str(caught.exception).upper())

    def test_a_cup_belongs_to_one_project(self):
        self.project.write({"cup": "J91B21000010006", "active": False})  # archived projects keep their CUP
        other = self.env["fami.project"].create({"name": "Second project"})
        with self.assertRaises(ValidationError) as caught:
            other.cup = "j91b21000010006"
        self.assertIn("CUP J91B21000010006", str(caught.exception))
        self.assertIn("Identifiers test", str(caught.exception))
        other.cup = "J91B21000010007"
        self.assertEqual(other.cup, "J91B21000010007")

    def test_end_date_before_start_date_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.project.write({"date_start": "2027-01-01", "date_end": "2026-12-31"})
        self.assertIn("End date", str(caught.exception))

    def test_valid_identifiers_are_stored_normalised(self):
        partner = self.Partner.create({
            "name": "Cooperativa Test", "is_company": True, "fami_organisation": True,
            "fami_partita_iva": "IT 0074311015 7", "fami_codice_fiscale": "rccmnl83s18d969h",
            "phone": "075 504 1234", "mobile": "0039 347 123 4567",
        })
        self.assertEqual(partner.fami_partita_iva, "00743110157")
        self.assertEqual(partner.fami_codice_fiscale, "RCCMNL83S18D969H")
        self.assertEqual(partner.phone, "+390755041234")
        self.assertEqual(partner.mobile, "+393471234567")
        partner.write({"fami_codice_fiscale": "00743110157", "phone": "+39 06 6982 1"})
        self.assertEqual(partner.fami_codice_fiscale, "00743110157")
        self.assertEqual(partner.phone, "+390669821")

    def test_invalid_identifiers_are_refused_naming_the_field(self):
        partner = self.Partner.create({"name": "Associazione Test", "is_company": True, "fami_organisation": True})
        cases = [
            ("fami_partita_iva", "00743110158", "Partita IVA"),
            ("fami_partita_iva", "1234", "Partita IVA"),
            ("fami_codice_fiscale", "RCCMNL83S18D969X", "Codice fiscale"),
            ("fami_codice_fiscale", "ABC", "Codice fiscale"),
            ("phone", "12", "Phone"),
            ("mobile", "not a number", "Mobile"),
        ]
        for field, value, label in cases:
            with self.subTest(field=field, value=value):
                with self.assertRaises(ValidationError) as caught:
                    partner.write({field: value})
                self.assertIn(label, str(caught.exception))
                self.assertIn(value, str(caught.exception))
                self.assertFalse(partner[field])
        with self.assertRaises(ValidationError):
            self.Partner.create({"name": "Bad", "fami_partita_iva": "00743110158"})

    def test_organisation_created_from_the_fami_menu_is_checked(self):
        partner = self.Partner.with_context(default_fami_organisation=True).create(
            {"name": "Ente dal menu FAMI", "phone": "075 504 1234"})
        self.assertTrue(partner.fami_organisation)
        self.assertEqual(partner.phone, "+390755041234")

    def test_phone_of_other_contacts_is_left_alone(self):
        contact = self.Partner.create({"name": "Not a FAMI organisation", "phone": "(555) 555-0100"})
        self.assertEqual(contact.phone, "(555) 555-0100")

    def test_joining_a_partnership_flags_and_normalises_the_organisation(self):
        partner = self.Partner.create({"name": "Comune Test", "is_company": True, "phone": "075 123456"})
        self.assertFalse(partner.fami_organisation)
        self.env["fami.project.partner"].create({
            "project_id": self.project.id, "partner_id": partner.id, "role": "network"})
        self.assertTrue(partner.fami_organisation)
        self.assertEqual(partner.phone, "+39075123456")

    def test_mass_edit_normalises_the_organisations_only(self):
        organisation = self.Partner.create({"name": "Ente Test", "is_company": True, "fami_organisation": True})
        contact = self.Partner.create({"name": "Not a FAMI organisation"})
        (organisation | contact).write({"phone": "075 504 1234"})
        self.assertEqual((organisation.phone, contact.phone), ("+390755041234", "075 504 1234"))
        with self.assertRaises(ValidationError) as caught:
            (contact | organisation).write({"mobile": "12"})
        self.assertIn("Mobile", str(caught.exception))
        self.assertFalse(organisation.mobile)
