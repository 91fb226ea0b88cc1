from odoo import fields, models


class FamiWorkflowTester(models.Model):
    """A test-only governed model, loaded by odoo_test_helper so the engine is tested apart from any app."""

    _name = "fami.workflow.tester"
    _description = "FAMI workflow tester"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]

    name = fields.Char()
    amount = fields.Float()
    reference = fields.Char()
    note = fields.Text()
    folder_id = fields.Many2one("fami.workflow.tester.folder", ondelete="cascade")
    line_ids = fields.One2many("fami.workflow.tester.line", "tester_id")
    attachment_ids = fields.Many2many("ir.attachment", string="Files")


class FamiWorkflowTesterLine(models.Model):
    """A line of a tester, frozen with it (like the lines of a budget)."""

    _name = "fami.workflow.tester.line"
    _description = "FAMI workflow tester line"
    _inherit = ["fami.workflow.frozen.mixin", "mail.thread"]
    _workflow_frozen_by = ("tester_id",)

    name = fields.Char()
    tester_id = fields.Many2one("fami.workflow.tester", required=True, ondelete="cascade")
    owner_id = fields.Many2one("fami.workflow.tester.owner", ondelete="cascade")
    box_id = fields.Many2one("fami.workflow.tester.box", ondelete="cascade")


class FamiWorkflowTesterOwner(models.Model):
    """Frozen when one of its lines is (like a participant with a line in an approved register)."""

    _name = "fami.workflow.tester.owner"
    _description = "FAMI workflow tester owner"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("line_ids",)

    name = fields.Char()
    partner_id = fields.Many2one("res.partner")
    line_ids = fields.One2many("fami.workflow.tester.line", "owner_id")


class FamiWorkflowTesterFolder(models.Model):
    """Holds testers and boxes, frozen by nothing: deleting it deletes them (like a course and its sessions)."""

    _name = "fami.workflow.tester.folder"
    _description = "FAMI workflow tester folder"
    _inherit = ["fami.workflow.frozen.mixin"]

    name = fields.Char()


class FamiWorkflowTesterBox(models.Model):
    """Holds lines, frozen by nothing: deleting a folder deletes its boxes, and their lines."""

    _name = "fami.workflow.tester.box"
    _description = "FAMI workflow tester box"
    _inherit = ["fami.workflow.frozen.mixin"]

    name = fields.Char()
    folder_id = fields.Many2one("fami.workflow.tester.folder", ondelete="cascade")
