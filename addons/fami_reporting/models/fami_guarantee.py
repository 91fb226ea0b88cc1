from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.fami_workflow.lib import bounds

from ..lib import money_rules

GUARANTEE_DOCUMENT_TYPE = "fami_reporting.document_type_guarantee"


class FamiGuarantee(models.Model):
    """The guarantee (fideiussione bancaria o assicurativa) that backs the advance the AdG pays: requested from a bank
    or insurer, issued, released once the balance is received. Issued, its policy is also a document with an expiry
    held by the lead partner (fami.document): Expiring documents lists it, its responsible is reminded before it
    lapses, and the project's guarantee deadline carries its issuer, number, amount and expiry."""

    _name = "fami.guarantee"
    _description = "FAMI guarantee of the advance"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("requested", "issued", "released")
    _workflow_required_transitions = ("issue", "release")
    # a guarantee outlives the eligibility period by the months of the grant agreement, until the balance is paid
    _fami_bounds = {"date_to": bounds.CLOSURE}
    _order = "project_id, date_from desc, id desc"
    _rec_names_search = ["policy_number", "issuer_id.name", "project_id.name"]

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict", tracking=True)
    issuer_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)],
                                ondelete="restrict", tracking=True,
                                help="The bank or insurance company that issues the guarantee.")
    policy_number = fields.Char(string="Policy number", tracking=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    amount = fields.Monetary(string="Guaranteed amount", currency_field="currency_id", tracking=True)
    date_from = fields.Date(string="Valid from", tracking=True)
    date_to = fields.Date(string="Valid until", tracking=True)
    required_until = fields.Date(
        string="Required until", compute="_compute_required_until",
        help="The project's end date plus the months the grant agreement asks a guarantee to outlive it (project, "
             "tab Grant agreement).")
    advance_ids = fields.One2many("fami.payment.received", "guarantee_id", string="Advances covered")
    advance_id = fields.Many2one("fami.payment.received", string="Advance covered", compute="_compute_advance_id")
    document_file = fields.Binary(string="Policy", attachment=True, copy=False,
                                  help="The policy as issued by the bank or insurer.")
    document_filename = fields.Char(string="Policy file name")
    document_ids = fields.Many2many("fami.document", string="Documents with expiry", compute="_compute_document_ids",
                                    help="The policy in Expiring documents while the guarantee is issued.")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
                              help="Reminded 30 days before the guarantee expires (Expiring documents).")
    date_released = fields.Date(string="Released on", compute="_compute_date_released", store=True)
    note = fields.Text()

    @api.depends("policy_number", "issuer_id.name")
    def _compute_name(self):
        for guarantee in self:
            guarantee.name = " — ".join(filter(None, [guarantee.policy_number, guarantee.issuer_id.name])) \
                or self.env._("Guarantee")

    @api.depends("project_id.date_end")
    def _compute_required_until(self):
        # not a related field nor an @api.depends on the project's setting: fami_partners' tests rebuild its models
        # without this addon's fields (odoo_test_helper), and a dependency on one of them breaks the registry;
        # fami.project.write invalidates it instead
        for guarantee in self:
            guarantee.required_until = guarantee.project_id._guarantee_required_until() \
                if guarantee.project_id else False

    def _compute_document_ids(self):
        # computed, not a One2many: its inverse guarantee_id is this addon's field on fami_partners' fami.document,
        # which fami_partners' tests rebuild without it (odoo_test_helper)
        documents = self.env["fami.document"].search([("guarantee_id", "in", self.ids)])
        for guarantee in self:
            guarantee.document_ids = documents.filtered(lambda document, g=guarantee: document.guarantee_id == g)

    @api.depends("advance_ids")
    def _compute_advance_id(self):
        for guarantee in self:
            guarantee.advance_id = guarantee.advance_ids[:1]

    @api.depends("workflow_state_code", "workflow_state_date")
    def _compute_date_released(self):
        for guarantee in self:
            guarantee.date_released = guarantee.workflow_state_date.date() \
                if guarantee.workflow_state_code == "released" and guarantee.workflow_state_date else False

    @api.constrains("amount", "date_from", "date_to")
    def _check_amount_and_dates(self):
        for guarantee in self:
            if guarantee.amount < 0:
                raise ValidationError(self.env._(
                    "The Guaranteed amount of %(guarantee)s cannot be negative.", guarantee=guarantee.display_name))
            if guarantee.date_from and guarantee.date_to and guarantee.date_to < guarantee.date_from:
                raise ValidationError(self.env._(
                    "The guarantee %(guarantee)s is Valid until %(end)s, before it is Valid from %(start)s: correct "
                    "one of the dates.", guarantee=guarantee.display_name,
                    end=format_date(self.env, guarantee.date_to), start=format_date(self.env, guarantee.date_from)))

    # ------------------------------------------------------------ the advance it backs

    def _backing_problem(self, project, advance_amount):
        """Why this guarantee (maybe none) does not back an advance of `advance_amount` of `project`, as a translated
        sentence naming the figures; False when it does."""
        if not project.date_end:
            return self.env._("Set the End date of project %(project)s: the guarantee of the advance must stay valid "
                              "until then.", project=project.display_name)
        required = project._guarantee_required_until()
        problem = money_rules.guarantee_problem(
            advance_amount, (self.workflow_state_code == "issued", self.amount, self.date_to) if self else None,
            required)
        money = {"advance": format_amount(self.env, advance_amount, project.currency_id),
                 "amount": format_amount(self.env, self.amount, project.currency_id)}
        if problem == "missing":
            return self.env._("No guarantee backs this advance of %(advance)s: record the guarantee (Money flows > "
                              "Guarantees), have it issued, then choose it on the advance.", **money)
        if problem == "not_issued":
            return self.env._("The guarantee %(guarantee)s is %(state)s, not issued: an advance is requested only "
                              "against an issued guarantee.", guarantee=self.display_name,
                              state=self.workflow_state_id.name)
        if problem == "amount":
            return self.env._("The guarantee %(guarantee)s covers %(amount)s, less than the advance of %(advance)s: "
                              "the guarantee must cover at least the whole advance.", guarantee=self.display_name,
                              **money)
        if problem == "expiry":
            return self.env._(
                "The guarantee %(guarantee)s is valid until %(until)s, before %(required)s: it must stay valid until "
                "the end of the project (%(end)s) plus %(months)s months, as the grant agreement asks (project, tab "
                "Grant agreement).", guarantee=self.display_name,
                until=format_date(self.env, self.date_to) if self.date_to else "—",
                required=format_date(self.env, required), end=format_date(self.env, project.date_end),
                months=project.agreement_guarantee_months)
        return False

    # ------------------------------------------------------------ workflow

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        target = transition.state_to_id.code
        if target == "issued":
            missing = [self._fields[name].get_description(self.env)["string"] for name in (
                "issuer_id", "policy_number", "amount", "date_from", "date_to", "document_file") if not self[name]]
            if missing:
                raise UserError(self.env._("Fill in %(fields)s of the guarantee %(guarantee)s before recording it as "
                                           "issued.", fields=", ".join(missing), guarantee=self.display_name))
            if not self.project_id.lead_partner_id:
                raise UserError(self.env._("Set the Lead partner of project %(project)s: it holds the guarantee.",
                                           project=self.project_id.display_name))
        elif target == "released":
            # sudo: only whether the balance arrived is read, to refuse the release
            balance = self.env["fami.payment.received"].sudo().search_count([
                ("project_id", "=", self.project_id.id), ("kind", "=", "balance"),
                ("workflow_state_code", "=", "received")])
            if not balance:
                raise UserError(self.env._(
                    "The guarantee %(guarantee)s cannot be released: the balance of project %(project)s has not been "
                    "received yet. Record the balance (Money flows > Payments received) once the AdG pays it, then "
                    "release the guarantee.", guarantee=self.display_name, project=self.project_id.display_name))
        return result

    def _workflow_after_move(self, transition):
        result = super()._workflow_after_move(transition)
        target = transition.state_to_id.code
        if target == "issued":
            self._publish_document()
        elif target == "released":
            # sudo: the guarantee's own document leaves Expiring documents with its release
            self.sudo().document_ids.write({"active": False})
            # sudo: the project's guarantee deadline is done with the release; nothing else is touched
            self.sudo()._project_deadlines().action_done()
        self.invalidate_recordset(["document_ids"])  # computed without dependencies: published or archived now
        return result

    def _project_deadlines(self):
        return self.project_id.deadline_ids.filtered(
            lambda deadline: deadline.deadline_type == "guarantee" and deadline.state == "todo")

    def _publish_document(self):
        """The issued policy becomes a document with an expiry held by the lead partner (Expiring documents, the
        30-day reminder), and the project's guarantee deadline takes its issuer, number, amount and expiry."""
        document_type = self.env.ref(GUARANTEE_DOCUMENT_TYPE)
        for guarantee in self:
            # sudo: the document mirrors the guarantee just issued by a user allowed to; it is held by the lead
            # partner, whose staff and the managers read it, and cannot be changed apart from it (fami.document)
            self.env["fami.document"].sudo().create({
                "guarantee_id": guarantee.id, "document_type_id": document_type.id,
                "partner_id": guarantee.project_id.lead_partner_id.id, "project_id": guarantee.project_id.id,
                "number": guarantee.policy_number, "date_issue": guarantee.date_from,
                "date_expiry": guarantee.date_to, "file": guarantee.document_file,
                "file_name": guarantee.document_filename, "user_id": guarantee.user_id.id,
                "note": self.env._("Guarantee of the advance issued by %(issuer)s for %(amount)s.",
                                   issuer=guarantee.issuer_id.name,
                                   amount=format_amount(self.env, guarantee.amount, guarantee.currency_id))})
            # sudo: the project's deadline of the guarantee follows the issued policy
            guarantee.sudo()._project_deadlines().write({
                "insurer_id": guarantee.issuer_id.id, "policy_number": guarantee.policy_number,
                "guarantee_amount": guarantee.amount, "date": guarantee.date_to})
