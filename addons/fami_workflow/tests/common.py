from odoo_test_helper import FakeModelLoader

from odoo.tests import TransactionCase, new_test_user


class WorkflowCase(TransactionCase):
    """A three-state workflow (draft → submitted → approved, reject back to draft with a comment) on a tester."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import (FamiWorkflowTester, FamiWorkflowTesterBox, FamiWorkflowTesterFolder,
                                  FamiWorkflowTesterLine, FamiWorkflowTesterOwner)

        cls.loader.update_registry((FamiWorkflowTesterFolder, FamiWorkflowTester, FamiWorkflowTesterOwner,
                                    FamiWorkflowTesterBox, FamiWorkflowTesterLine))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.model = cls.env["ir.model"]._get("fami.workflow.tester")
        cls.approvers = cls.env["res.groups"].create({"name": "Tester approvers"})
        cls.env["ir.model.access"].create([{
            "name": name, "model_id": cls.env["ir.model"]._get_id(name), "group_id": cls.env.ref("base.group_user").id,
            "perm_read": True, "perm_write": True, "perm_create": True, "perm_unlink": True}
            for name in ("fami.workflow.tester", "fami.workflow.tester.line", "fami.workflow.tester.owner",
                         "fami.workflow.tester.folder", "fami.workflow.tester.box")])
        cls.employee = new_test_user(cls.env, login="wf_employee", groups="base.group_user")
        cls.manager = new_test_user(cls.env, login="wf_manager", groups="base.group_user")
        cls.manager_2 = new_test_user(cls.env, login="wf_manager_2", groups="base.group_user")
        (cls.manager | cls.manager_2).groups_id = [(4, cls.approvers.id)]
        cls.workflow = cls.make_workflow("Tester approval", "[]")

    @classmethod
    def make_workflow(cls, name, domain, sequence=10):
        workflow = cls.env["fami.workflow"].create({
            "name": name, "model_id": cls.model.id, "domain": domain, "sequence": sequence, "active": False})
        states = cls.env["fami.workflow.state"].create([
            {"workflow_id": workflow.id, "code": "draft", "name": "Draft", "sequence": 1, "is_initial": True},
            {"workflow_id": workflow.id, "code": "submitted", "name": "Submitted", "sequence": 2},
            {"workflow_id": workflow.id, "code": "approved", "name": "Approved", "sequence": 3, "is_final": True,
             "locked": True},
        ])
        draft, submitted, approved = states
        cls.env["fami.workflow.transition"].create([
            {"workflow_id": workflow.id, "code": "submit", "name": "Submit", "state_from_id": draft.id,
             "state_to_id": submitted.id, "notify": True,
             "required_field_ids": [(6, 0, cls.env["ir.model.fields"]._get("fami.workflow.tester", "reference").ids)]},
            {"workflow_id": workflow.id, "code": "approve", "name": "Approve", "state_from_id": submitted.id,
             "state_to_id": approved.id, "group_ids": [(6, 0, cls.approvers.ids)]},
            {"workflow_id": workflow.id, "code": "reject", "name": "Reject", "state_from_id": submitted.id,
             "state_to_id": draft.id, "group_ids": [(6, 0, cls.approvers.ids)], "comment_required": True},
        ])
        workflow.active = True
        return workflow

    def state(self, code, workflow=None):
        return (workflow or self.workflow).state_ids.filtered(lambda s: s.code == code)

    def transition(self, code, workflow=None):
        return (workflow or self.workflow).transition_ids.filtered(lambda t: t.code == code)

    def new_record(self, **values):
        return self.env["fami.workflow.tester"].with_user(self.employee).create(
            dict({"name": "Record", "reference": "REF-1"}, **values))
