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
        self.assertEqual(len(rows), len(models) * len(access_matrix.ROLES))

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
