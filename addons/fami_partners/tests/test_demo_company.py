from odoo.tests import TransactionCase, tagged

DEMO_LOGINS = ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")
# where a FAMI screen asks for an organisation of the partnership: (model, field)
ORGANISATION_FIELDS = (
    ("fami.project", "lead_partner_id"),
    ("fami.project.partner", "partner_id"),
    ("fami.project.template.wizard", "lead_partner_id"),
)


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    """The demo installs the project's company and organisations; Odoo's generic demo contacts (Azure Interior,
    Deco Addict...) are not offered where a FAMI screen chooses an organisation."""

    def test_company_is_the_lead_organisation_in_euro(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Regione Umbria")
        self.assertEqual(company.currency_id, self.env.ref("base.EUR"))
        self.assertTrue(company.logo)
        self.assertEqual(self.env.ref("fami_partners.demo_project_umbria2").currency_id, self.env.ref("base.EUR"))

    def test_organisation_choices_are_fami_organisations(self):
        generic = self.env.ref("base.res_partner_12", raise_if_not_found=False)  # Azure Interior
        self.assertTrue(generic, "Odoo's demo contacts are installed in the demo database")
        fami_orgs = (self.env.ref("fami_partners.demo_partner_regione_umbria")
                     | self.env.ref("fami_partners.demo_partner_cidis"))
        fields_to_check = list(ORGANISATION_FIELDS)
        if "fami.beneficiary" in self.env:
            fields_to_check += [("fami.beneficiary", "organisation_id"), ("fami.beneficiary.import", "organisation_id")]
        for login in ("responsabile", "amministrativo"):
            user = self.env.ref(f"fami_partners.demo_user_{login}")
            for model, name in fields_to_check:
                with self.subTest(login=login, field=f"{model}.{name}"):
                    field = self.env[model]._fields[name]
                    domain = field.get_domain_list(self.env[model])
                    # what the many2one's drop-down offers the user (name_search with the field's domain)
                    offered = self.env["res.partner"].with_user(user).name_search("", domain, limit=1000)
                    offered_ids = {partner_id for partner_id, _name in offered}
                    self.assertNotIn(generic.id, offered_ids)
                    self.assertTrue(fami_orgs.ids and set(fami_orgs.ids) <= offered_ids)

    def test_indicators_are_shown_by_name(self):
        self.env["res.lang"]._activate_lang("it_IT")
        trainer = self.env.ref("fami_partners.demo_user_formatore").with_context(lang="it_IT")
        indicators = self.env["fami.indicator"].with_user(trainer).with_context(lang="it_IT").search(
            [("project_id", "=", self.env.ref("fami_partners.demo_project_umbria2").id)])
        self.assertTrue(indicators)
        for indicator in indicators:
            self.assertEqual(indicator.display_name, indicator.name)
            self.assertNotIn(indicator.code, indicator.display_name)
        # who knows the code still finds the indicator by it
        courses = indicators.filtered(lambda indicator: indicator.code == "OS1_COURSES")
        found = self.env["fami.indicator"].with_user(trainer).name_search("OS1_COURSES")
        self.assertIn(courses.id, [indicator_id for indicator_id, _name in found])

    def test_people_choices_are_fami_users(self):
        """Where a FAMI screen chooses a person, Odoo's demo users (Marc Demo) are not offered."""
        generic = self.env.ref("base.user_demo", raise_if_not_found=False)
        self.assertTrue(generic, "Odoo's demo users are installed in the demo database")
        manager = self.env.ref("fami_partners.demo_user_responsabile")
        fields_to_check = [("fami.project", "user_id"), ("fami.project.deadline", "user_id"),
                           ("fami.document", "user_id")]
        if "fami.meeting" in self.env:
            fields_to_check.append(("fami.meeting", "attendee_user_ids"))
        for model, name in fields_to_check:
            with self.subTest(field=f"{model}.{name}"):
                domain = self.env[model]._fields[name].get_domain_list(self.env[model])
                offered = {user_id for user_id, _name in
                           self.env["res.users"].with_user(manager).name_search("", domain, limit=1000)}
                self.assertNotIn(generic.id, offered)
                self.assertIn(self.env.ref("fami_partners.demo_user_formatore").id, offered)
