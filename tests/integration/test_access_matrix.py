import os
from pathlib import Path

import access_matrix
from common import IntegrationCase

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "access-matrix.md"


class TestAccessMatrix(IntegrationCase):
    def test_document_matches_the_rules_in_force(self):
        rendered = access_matrix.render(self.env)
        if os.environ.get("FAMI_WRITE_ACCESS_MATRIX"):
            DOCUMENT.parent.mkdir(exist_ok=True)
            DOCUMENT.write_text(rendered, encoding="utf-8")
        self.assertTrue(DOCUMENT.exists(), "docs/access-matrix.md is missing: run FAMI_WRITE_ACCESS_MATRIX=1 make test")
        self.assertEqual(DOCUMENT.read_text(encoding="utf-8"), rendered,
                         "docs/access-matrix.md disagrees with the ACL/rules in force: "
                         "review the change, then run FAMI_WRITE_ACCESS_MATRIX=1 make test")

    def test_every_role_and_model_is_in_the_matrix(self):
        rendered = access_matrix.render(self.env)
        models = access_matrix.suite_models(self.env)
        self.assertIn("fami.project", models)
        for model in models:
            self.assertIn(f"## {model} — ", rendered)
        rows = [line for line in rendered.splitlines() if line.startswith("| ") and not line.startswith("| role")
                and not line.startswith("| ---")]
        # one row per role and model, and one per role in the table of core groups
        self.assertEqual(len(rows), (len(models) + 1) * len(access_matrix.ROLES))

    def test_the_administrator_groups_are_recognised(self):
        found = access_matrix.administrator_groups(self.env)
        for xmlid in ("base.group_system", "project.group_project_manager", "hr.group_hr_manager",
                      "hr_timesheet.group_timesheet_manager", "mail.group_mail_canned_response_admin"):
            self.assertIn(self.env.ref(xmlid), found, xmlid)
        for xmlid in ("base.group_user", "hr_timesheet.group_hr_timesheet_user", "fami_partners.group_fami_manager"):
            self.assertNotIn(self.env.ref(xmlid), found, xmlid)

    def test_no_role_administers_an_application(self):
        """Users created in Settings > Users with a FAMI role, the default user template and the demo users of the
        user guide hold no administrator group of any application (Project, Employees, Timesheets, Settings...)."""
        administrators = access_matrix.administrator_groups(self.env)
        users = access_matrix.users_as_created_in_settings(self.env)
        users.update({login: self.env.ref(f"fami_partners.demo_user_{login}") for login in (
            "responsabile", "amministrativo", "formatore", "mediatore", "revisore")})
        users["default user template"] = self.env.ref("base.default_user")
        for who, user in users.items():
            with self.subTest(user=who):
                held = access_matrix.core_groups(self.env, user) & administrators
                self.assertFalse(held, f"{who} administers {access_matrix.group_names(held)}")

    def test_a_wrong_acl_line_makes_the_matrix_disagree(self):
        before = access_matrix.render(self.env)
        self.env["ir.model.access"].create({
            "name": "deliberately wrong: auditors may delete projects",
            "model_id": self.env["ir.model"]._get_id("fami.project"),
            "group_id": self.env.ref("fami_partners.group_fami_auditor").id,
            "perm_read": True, "perm_unlink": True,
        })
        after = access_matrix.render(self.env)
        self.assertNotEqual(before, after)
        auditor_row = next(line for line in after.split("## fami.project — ")[1].splitlines()
                           if line.startswith("| Auditor |"))
        self.assertTrue(auditor_row.startswith("| Auditor | ✔ | — | — | ✔ |"), auditor_row)
