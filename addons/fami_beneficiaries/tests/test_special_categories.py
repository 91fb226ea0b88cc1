from xmlrpc.client import Fault

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

SPECIAL = ("trafficking", "disability", "international_protection", "alternative_measures")
# the demo users outside the group Beneficiary personal data: administrative staff, mediator, trainer, auditor
WITHOUT_PERSONAL_DATA = ("amministrativo", "mediatore", "formatore", "revisore")


@tagged("post_install", "-at_install")
class TestSpecialCategoryTargetGroups(HttpCase):
    """GDPR art. 9: a person's special-category target groups (disability, victims of trafficking, international
    protection, alternative measures) are read person by person only by the group Beneficiary personal data; the
    others get counts. Tried over XML-RPC as the demo users, as a client would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.special = cls.env["fami.target.group"].browse(
            [cls.env.ref(f"fami_beneficiaries.target_group_{code}").id for code in SPECIAL])
        cls.people = cls.env["fami.beneficiary"].search([("target_group_ids", "in", cls.special.ids)])
        # an auditor with the export right Settings gives new users by default
        new_test_user(cls.env, "art9_exporter", groups="fami_partners.group_fami_auditor,base.group_allow_export")

    def call(self, login, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(get_db_name(), login, login, {})
        self.assertTrue(uid, login)
        return self.xmlrpc_object.execute_kw(get_db_name(), uid, login, model, method, list(args), kwargs)

    def assert_refused(self, login, model, method, *args, **kwargs):
        """The call fails on the field that holds every group: only the personal-data group may touch it."""
        with self.assertRaises(Fault) as caught:
            self.call(login, model, method, *args, **kwargs)
        self.assertRegex(caught.exception.faultString, 'enough rights to access the fields "target_group_ids"|'
                                                       "Searching people by Target groups and vulnerabilities")

    def test_the_shipped_special_categories(self):
        self.assertTrue(all(self.special.mapped("is_special_category")))
        self.assertFalse(self.env.ref("fami_beneficiaries.target_group_women").is_special_category)
        self.assertTrue(self.people, "the demo has people in special-category groups")
        self.assertFalse(self.people.public_target_group_ids & self.special)

    def test_users_without_personal_data_never_read_a_persons_special_groups(self):
        """Before: staff and auditors read each person's vulnerability groups with nationality, sex and age band."""
        ids = self.people.ids
        special = set(self.special.ids)
        statistics = ["code", "country_id", "gender", "age_band", "public_target_group_ids"]
        for login in WITHOUT_PERSONAL_DATA:
            with self.subTest(user=login):
                rows = self.call(login, "fami.beneficiary", "search_read", [("id", "in", ids)], statistics)
                if login == "revisore":
                    self.assertEqual(len(rows), len(ids), "the auditor reads every person's statistics")
                for row in rows:
                    self.assertFalse(special & set(row["public_target_group_ids"]), row)
                page = self.call(login, "fami.beneficiary", "web_search_read", [("id", "in", ids)],
                                 {"code": {}, "public_target_group_ids": {"fields": {"display_name": {}}}})
                for record in page["records"]:
                    self.assertFalse(special & {group["id"] for group in record["public_target_group_ids"]})
                # the field holding every group, special ones included, is refused by every path
                self.assert_refused(login, "fami.beneficiary", "read", ids, ["target_group_ids"])
                self.assert_refused(login, "fami.beneficiary", "search_read", [], ["target_group_ids"])
                self.assert_refused(login, "fami.beneficiary", "web_search_read", [],
                                    {"target_group_ids": {"fields": {"display_name": {}}}})
                # nor can a person be found by a special group
                self.assert_refused(login, "fami.beneficiary", "search", [("target_group_ids", "in", self.special.ids)])
                self.assert_refused(login, "fami.beneficiary", "search_read",
                                    [("target_group_ids.name", "ilike", "traffick")], ["code"])
                self.assert_refused(login, "fami.beneficiary", "search_count", [("target_group_ids", "!=", False)])
                self.assertFalse(self.call(login, "fami.beneficiary", "search",
                                           [("public_target_group_ids", "in", self.special.ids)]))
                self.assert_refused(login, "fami.beneficiary", "read_group", [], ["target_group_ids"],
                                    ["target_group_ids"])
                self.assert_refused(login, "fami.beneficiary", "read_group",
                                    [("target_group_ids", "in", self.special.ids)], ["code"], ["code"])
        # nor through a record that links to people (the auditor reads the log of the reads of personal data)
        self.assert_refused("revisore", "fami.beneficiary.access.log", "search",
                            [("beneficiary_id.target_group_ids", "in", self.special.ids)])
        self.assert_refused("art9_exporter", "fami.beneficiary", "export_data", ids, ["code", "target_group_ids/name"])
        exported = self.call("art9_exporter", "fami.beneficiary", "export_data", ids,
                             ["code", "country_id/name", "public_target_group_ids/name"])["datas"]
        self.assertFalse({row[2] for row in exported} & set(self.special.mapped("name")))

    def test_special_groups_are_counted_in_aggregate(self):
        counts = {row["id"]: row["beneficiary_count"] for row in self.call(
            "revisore", "fami.target.group", "search_read", [("id", "in", self.special.ids)], ["beneficiary_count"])}
        for group in self.special:
            self.assertEqual(counts[group.id], self.env["fami.beneficiary"].search_count(
                [("target_group_ids", "=", group.id)]), group.name)
        groups = self.call("revisore", "fami.beneficiary", "read_group", [], ["public_target_group_ids"],
                           ["public_target_group_ids"])
        self.assertTrue(groups)
        self.assertFalse({group["public_target_group_ids"][0] for group in groups if group["public_target_group_ids"]}
                         & set(self.special.ids))

    def test_the_personal_data_group_reads_them(self):
        rows = self.call("responsabile", "fami.beneficiary", "read", self.people.ids, ["target_group_ids"])
        self.assertEqual({group_id for row in rows for group_id in row["target_group_ids"]} & set(self.special.ids),
                         set(self.special.ids))
