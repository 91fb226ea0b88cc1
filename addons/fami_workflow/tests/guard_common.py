from odoo_test_helper import FakeModelLoader

from odoo.tests import TransactionCase, new_test_user


class GuardCase(TransactionCase):
    """The guard tester (fake_guard_models.py) under a workflow draft → submitted → approved, and a designer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_guard_models import FamiGuardTester

        cls.loader.update_registry((FamiGuardTester,))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.model = cls.env["ir.model"]._get("fami.guard.tester")
        cls.env["ir.model.access"].create({
            "name": "guard tester", "model_id": cls.model.id, "group_id": cls.env.ref("base.group_user").id,
            "perm_read": True, "perm_write": True, "perm_create": True, "perm_unlink": True})
        cls.employee = new_test_user(cls.env, login="guard_employee", groups="base.group_user")
        cls.designer = new_test_user(cls.env, login="guard_designer",
                                     groups="base.group_user,fami_workflow.group_workflow_designer")
        cls.workflow = cls.make_workflow("Guard tester approval")

    @classmethod
    def make_workflow(cls, name, domain="[]", sequence=10):
        """Built archived, then activated: data is created one record at a time."""
        workflow = cls.env["fami.workflow"].create({
            "name": name, "model_id": cls.model.id, "domain": domain, "sequence": sequence, "active": False})
        draft, submitted, approved = cls.env["fami.workflow.state"].create([
            {"workflow_id": workflow.id, "code": "draft", "name": "Draft", "sequence": 1, "is_initial": True},
            {"workflow_id": workflow.id, "code": "submitted", "name": "Submitted", "sequence": 2},
            {"workflow_id": workflow.id, "code": "approved", "name": "Approved", "sequence": 3, "locked": True},
        ])
        cls.env["fami.workflow.transition"].create([
            {"workflow_id": workflow.id, "code": "submit", "name": "Submit", "state_from_id": draft.id,
             "state_to_id": submitted.id},
            {"workflow_id": workflow.id, "code": "approve", "name": "Approve", "state_from_id": submitted.id,
             "state_to_id": approved.id},
            {"workflow_id": workflow.id, "code": "reject", "name": "Reject", "state_from_id": submitted.id,
             "state_to_id": draft.id},
        ])
        workflow.active = True
        return workflow

    def new_record(self, **values):
        return self.env["fami.guard.tester"].with_user(self.employee).create(dict({"name": "Record"}, **values))
