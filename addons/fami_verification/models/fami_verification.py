import base64
import contextvars
import secrets
from decimal import Decimal

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_datetime, formatLang

from odoo.addons.fami_reporting.lib import cost_rules

from ..lib import sampling
from .fami_staff_assignment import PERCENT

# set only while a verification records its items and sample, in this process (an RPC caller cannot set it): the
# items, their amounts, the sample and its record are written by the draw, never typed
DRAWING = contextvars.ContextVar("fami_verification_drawing", default=False)
SAMPLING_FIELDS = frozenset({"sampling", "seed", "threshold", "sample_rate", "strata"})
DRAWN_FIELDS = frozenset({"sample_date", "sample_data", "sample_record", "sample_record_text"})

KINDS = [("auditor", "Independent auditor (revisore)"), ("legal", "Legal expert (esperto legale)")]
OUTCOMES = [("admitted", "Admitted"), ("partial", "Partially admitted"), ("not_admitted", "Not admitted")]
VERIFIER_GROUP = {"auditor": "fami_verification.group_fami_revisore",
                  "legal": "fami_verification.group_fami_legal_expert"}


class FamiVerification(models.Model):
    """The verification of a claim before it is sent: the independent auditor (revisore indipendente) examines its
    items, all or a sample drawn from a recorded seed, the legal expert (esperto legale) its procurement; each item
    examined is answered against its checklist and admitted, partially admitted or not admitted with a reason. The
    signed report (verbale) completes it and goes with the claim, whose totals leave out what was not admitted."""

    _name = "fami.verification"
    _description = "FAMI verification of a claim"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "completed")
    _workflow_required_transitions = ("complete", "reopen")
    _order = "id desc"
    # a percentage, whatever the sampling; _check_sampling refuses 0 for a sample in words of its own
    _fami_bounds = {"sample_rate": PERCENT}

    name = fields.Char(compute="_compute_name", store=True)
    claim_id = fields.Many2one("fami.payment.request", required=True, index=True,
                               ondelete="restrict", tracking=True)
    project_id = fields.Many2one(related="claim_id.project_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    kind = fields.Selection(KINDS, string="Verified by", required=True, tracking=True,
                            default=lambda self: self._default_kind())
    verifier_id = fields.Many2one("res.users", required=True, tracking=True,
                                  default=lambda self: self.env.user,
                                  help="Who examines the items and signs the report: only they complete it.")
    date = fields.Date(string="Date of the report", default=fields.Date.context_today, tracking=True)
    sampling = fields.Selection([("all", "All items"), ("sample", "Sample")],
                                required=True, default="all", tracking=True)
    seed = fields.Integer(
        default=lambda self: secrets.randbelow(999_999) + 1, tracking=True,
        help="The seed of the random draw: the same seed and the same items give the same sample, so that anyone "
             "can draw it again.")
    threshold = fields.Monetary(
        string="Always examined from", currency_field="currency_id", tracking=True,
        help="Every item of at least this amount is in the sample (the project's setting when empty at creation).")
    sample_rate = fields.Float(string="Share of the other items (%)", tracking=True,
                               help="Drawn from each of the amount bands of the items under the threshold.")
    strata = fields.Integer(string="Amount bands", default=3, help="Small, middle and large amounts by default.")
    sample_date = fields.Datetime(string="Sample drawn on", readonly=True, copy=False)
    # the figures of the draw, kept when it is drawn: the record is written from them in the reader's language
    sample_data = fields.Json(string="Figures of the draw", readonly=True, copy=False)
    # a sample drawn before its figures were kept (version 18.0.1.0.0) keeps the text written at the draw
    sample_record_text = fields.Text(string="Sample record as written at the draw", readonly=True, copy=False)
    sample_record = fields.Text(string="Sample record", compute="_compute_sample_record",
                                help="How the sample was drawn and what it holds, as recorded when it was drawn, in "
                                     "your language.")
    line_ids = fields.One2many("fami.verification.line", "verification_id", string="Items", copy=False)
    population_count = fields.Integer(string="Items of the claim", compute="_compute_totals", store=True)
    examined_count = fields.Integer(string="Items examined", compute="_compute_totals", store=True)
    population_amount = fields.Monetary(string="Amount of the claim's items", compute="_compute_totals",
                                        store=True, currency_field="currency_id")
    examined_amount = fields.Monetary(string="Amount examined", compute="_compute_totals", store=True,
                                      currency_field="currency_id")
    not_admitted_amount = fields.Monetary(string="Not admitted", compute="_compute_totals", store=True,
                                          currency_field="currency_id")
    conclusion = fields.Text(help="The verifier's conclusion, printed in the report above the signatures.")
    signed_report = fields.Binary(string="Signed report", attachment=True, copy=False,
                                  help="The report (verbale) printed from here, signed: completing the verification "
                                       "attaches it to the claim.")
    signed_report_filename = fields.Char()

    _sql_constraints = [("one_per_claim_and_kind", "unique(claim_id, kind)",
                         "A claim has one verification by the independent auditor and one by the legal expert.")]

    @api.model
    def _default_kind(self):
        return "legal" if self.env.user.has_group(VERIFIER_GROUP["legal"]) \
            and not self.env.user.has_group(VERIFIER_GROUP["auditor"]) else "auditor"

    @api.depends("kind", "claim_id.name")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for verification in self:
            verification.name = self.env._("Verification of %(claim)s (%(kind)s)", claim=verification.claim_id.name,
                                           kind=kinds.get(verification.kind, ""))

    @api.depends("line_ids.amount", "line_ids.sampled", "line_ids.not_admitted_amount")
    def _compute_totals(self):
        for verification in self:
            lines = verification.line_ids
            examined = lines.filtered("sampled")
            verification.population_count = len(lines)
            verification.examined_count = len(examined)
            verification.population_amount = float(_total(lines.mapped("amount")))
            verification.examined_amount = float(_total(examined.mapped("amount")))
            verification.not_admitted_amount = float(_total(examined.mapped("not_admitted_amount")))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            project = self.env["fami.payment.request"].browse(vals.get("claim_id")).project_id
            vals.setdefault("threshold", project.sample_threshold)
            vals.setdefault("sample_rate", project.sample_rate)
        return super().create(vals_list)

    def write(self, vals):
        if not DRAWING.get():
            if DRAWN_FIELDS & set(vals):
                raise UserError(self.env._(
                    "The items and the sample of a verification are recorded by Draw the sample, not typed."))
            if {"claim_id", "kind"} & set(vals) and self.filtered("sample_date"):
                raise UserError(self.env._(
                    "%(verification)s has drawn its sample: it stays the verification of its claim by its verifier. "
                    "Create another verification instead.", verification=self.filtered("sample_date")[0].display_name))
            if SAMPLING_FIELDS & set(vals):
                vals = dict(vals, sample_date=False)  # the sample recorded no longer follows its settings: draw again
        return super().write(vals)

    @api.constrains("sampling", "sample_rate", "strata", "threshold", "kind", "verifier_id")
    def _check_sampling(self):
        for verification in self:
            if verification.sampling == "sample" and not 0 < verification.sample_rate <= 100:
                raise ValidationError(self.env._(
                    "The Share of the other items of %(verification)s must be more than 0 and at most 100 %%, not "
                    "%(rate)s.", verification=verification.display_name, rate=verification.sample_rate))
            if not 1 <= verification.strata <= 10:
                raise ValidationError(self.env._("Amount bands of %(verification)s: from 1 to 10.",
                                           verification=verification.display_name))
            group = VERIFIER_GROUP[verification.kind]
            if not verification.verifier_id.has_group(group):
                raise ValidationError(self.env._(
                    "%(user)s cannot verify as %(kind)s: choose a user of the group %(group)s.",
                    user=verification.verifier_id.name, kind=dict(KINDS)[verification.kind],
                    group=self.env.ref(group).full_name))

    # ------------------------------------------------------------ the items and the sample

    def _population(self):
        """{reference: (item, item type)} of what this verification examines in the claim now: every expense and staff
        cost for the auditor, the procurement expenses for the legal expert."""
        self.ensure_one()
        # sudo: the verifier examines every item of the claim, whatever the record rules of their organisation
        claim = self.claim_id.sudo()
        if self.kind == "legal":
            items = [(expense, "procurement") for expense in claim.expense_ids if expense.is_procurement]
        else:
            items = [(expense, "expense") for expense in claim.expense_ids] + \
                [(cost, "staff") for cost in claim.staff_cost_ids]
        return {f"{item._name},{item.id}": (item, item_type) for item, item_type in items}

    def _coverage_problem(self):
        """Why the items examined are no longer the claim's (an item added, removed or changed), or False."""
        self.ensure_one()
        population = self._population()
        recorded = {line.item_ref: line for line in self.line_ids}
        if not self.sample_date:
            return self.env._("%(verification)s has drawn no sample yet.", verification=self.display_name)
        added = sorted(set(population) - set(recorded))
        removed = sorted(set(recorded) - set(population))
        changed = sorted(ref for ref in set(population) & set(recorded)
                         if cost_rules.cents(population[ref][0][population[ref][0]._claim_amount_field])
                         != cost_rules.cents(recorded[ref].amount))
        if not (added or removed or changed):
            return False
        names = [population[ref][0].display_name for ref in added + changed] + \
            [recorded[ref].description for ref in removed]
        return self.env._(
            "the items of the claim changed after %(verification)s drew its sample (%(items)s): reopen the "
            "verification and draw its sample again", verification=self.display_name, items=", ".join(names))

    def action_draw_sample(self):
        """Record the claim's items and the sample to examine (all of them, or the seeded draw)."""
        for verification in self:
            if verification.workflow_locked:
                raise UserError(self.env._("%(verification)s is completed: reopen it to draw its sample again.",
                                           verification=verification.display_name))
            verification._draw()
        return True

    def _draw(self):
        token = DRAWING.set(True)
        try:
            self._draw_items()
        finally:
            DRAWING.reset(token)

    def _draw_items(self):
        self.ensure_one()
        population = self._population()
        field_of = {ref: item._claim_amount_field for ref, (item, _type) in population.items()}
        amounts = {ref: item[field_of[ref]] for ref, (item, _type) in population.items()}
        if self.sampling == "all":
            sample = sampling.draw_all(amounts.items())
        else:
            sample = sampling.draw(amounts.items(), self.seed, self.threshold, self.sample_rate, self.strata)
        selected = set(sample.selected)
        lines = {line.item_ref: line for line in self.line_ids}
        decided = [line for ref, line in lines.items() if line.outcome and (ref not in selected
                                                                            or ref not in population)]
        if decided:
            raise UserError(self.env._(
                "The sample drawn now leaves out %(items)s, which already has an outcome: draw with the seed it was "
                "drawn with (%(seed)s), or clear the outcome first.", items=decided[0].description,
                seed=self.seed))
        Line = self.env["fami.verification.line"]
        Line.browse([line.id for ref, line in lines.items() if ref not in population]).unlink()
        new = []
        for ref, (item, item_type) in population.items():
            values = {"amount": amounts[ref], "sampled": ref in selected, "stratum": sample.stratum_of[ref]}
            if ref in lines:
                lines[ref].write(values)
            else:
                new.append(dict(values, verification_id=self.id, item_ref=ref, item_type=item_type,
                                description=item.display_name, organisation_id=item.organisation_id.id,
                                category_id=item.category_id.id,
                                **{"expense_id" if item._name == "fami.expense" else "staff_cost_id": item.id}))
        Line.create(new)
        self.line_ids.filtered("sampled")._add_checklists()
        self.write({"sample_date": fields.Datetime.now(), "sample_data": self._draw_figures(sample, amounts)})

    def _draw_figures(self, sample, amounts):
        """The figures of the draw (how, by whom, which items), from which its record is written."""
        selected = sample.selected
        return {
            "all": self.sampling == "all", "seed": self.seed, "threshold": self.threshold, "rate": self.sample_rate,
            "strata": self.strata, "sizes": sorted(sample.sizes.items()), "user": self.env.user.name,
            "count": len(amounts), "amount": str(_total(amounts.values())), "examined": len(selected),
            "examined_amount": str(_total(amounts[ref] for ref in selected)), "items": list(selected),
        }

    @api.depends("sample_data", "sample_record_text", "sample_date", "currency_id")
    @api.depends_context("lang", "tz")
    def _compute_sample_record(self):
        for verification in self:
            if not verification.sample_date:
                verification.sample_record = False
            elif verification.sample_data:
                verification.sample_record = verification._describe(verification.sample_data)
            else:
                verification.sample_record = verification.sample_record_text

    def _describe(self, figures):
        """The record of the draw: how, when, and which items, for the report and the form, in the language of the
        environment (its dates and amounts too)."""

        def money(value):
            return format_amount(self.env, float(value), self.currency_id)

        rate = float(figures.get("rate") or 0)
        rate = formatLang(self.env, rate, digits=0 if rate.is_integer() else 2)
        if figures["all"]:
            how = self.env._("Every item of the claim examined.")
        else:
            how = self.env._(
                "Sample drawn with the seed %(seed)s: every item of at least %(threshold)s, and %(rate)s %% of the "
                "others in each of %(strata)s amount bands (items per band: %(sizes)s).", seed=figures["seed"],
                threshold=money(figures["threshold"]), rate=rate,
                strata=figures["strata"], sizes=", ".join(f"{band}: {size}" for band, size in figures["sizes"]))
        return "\n".join([
            how,
            self.env._("Drawn on %(date)s by %(user)s. Items of the claim: %(count)s (%(amount)s); examined: "
                       "%(examined)s (%(examined_amount)s).",
                       date=format_datetime(self.env, self.sample_date, dt_format=False), user=figures["user"],
                       count=figures["count"], amount=money(figures["amount"]), examined=figures["examined"],
                       examined_amount=money(figures["examined_amount"])),
            self.env._("Items examined: %(items)s", items=", ".join(figures["items"]) or "-"),
        ])

    # ------------------------------------------------------------ completing

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.code == "complete":
            problem = self._completion_problem()
            if problem:
                raise UserError(problem)
        elif transition.code == "reopen" and self.claim_id.workflow_locked:
            raise UserError(self.env._(
                "The claim %(claim)s is %(state)s: its verification stays as it was sent. Ask a manager to reopen "
                "the claim first.", claim=self.claim_id.name, state=self.claim_id.workflow_state_id.name))
        return result

    def _completion_problem(self):
        """Why the verification cannot be completed now, as a sentence, or False."""
        self.ensure_one()
        if self.env.uid != SUPERUSER_ID and self.env.user != self.verifier_id:
            return self.env._("Only the verifier, %(user)s, completes and signs %(verification)s.",
                              user=self.verifier_id.name, verification=self.display_name)
        coverage = self._coverage_problem()
        if coverage:
            return self.env._("%(verification)s cannot be completed: %(problem)s.", verification=self.display_name,
                              problem=coverage)
        pending = self.line_ids.filtered(lambda line: line.sampled and not line.outcome)
        if pending:
            return self.env._(
                "Give an outcome (admitted, partially admitted, not admitted) to every item examined before "
                "completing %(verification)s: %(count)s without one, e.g. %(item)s.",
                verification=self.display_name, count=len(pending), item=pending[0].description)
        unanswered = self.line_ids.answer_ids.filtered(lambda answer: not answer.answer)
        if unanswered:
            return self.env._(
                "Answer every question of the checklists before completing %(verification)s: %(count)s without an "
                "answer, e.g. “%(question)s” for %(item)s.", verification=self.display_name,
                count=len(unanswered), question=unanswered[0].question, item=unanswered[0].line_id.description)
        if not self.signed_report:
            return self.env._(
                "Attach the Signed report of %(verification)s: print the report, sign it, and attach it before "
                "completing the verification.", verification=self.display_name)
        return False

    def _workflow_after_move(self, transition):
        result = super()._workflow_after_move(transition)
        if transition.state_to_id.code == "completed":
            for verification in self:
                # the engine moves the verification as superuser with the verifier's uid: the verifier, who may not
                # change the claim, posts their signed report in its chatter under their own name; nothing else of
                # the claim is written
                verification.claim_id.message_post(
                    body=Markup("%s<br/>%s") % (
                        self.env._("%(verification)s completed: not admitted %(amount)s.",
                                   verification=verification.display_name,
                                   amount=format_amount(self.env, verification.not_admitted_amount,
                                                        verification.currency_id)),
                        verification.conclusion or ""),
                    attachments=[(verification.signed_report_filename or f"verbale-{verification.id}.pdf",
                                  base64.b64decode(verification.signed_report))],
                    message_type="comment", subtype_xmlid="mail.mt_note")
        return result

    # ------------------------------------------------------------ the report

    def _outcome_totals(self):
        """Rows of the report: per outcome (and not examined), the items, their amount, what was admitted and what
        not, in Decimal to the cent; the last row is the total."""
        self.ensure_one()
        outcomes = self.env["fami.verification.line"]._fields["outcome"]._description_selection(self.env)
        labels = dict(outcomes, not_examined=self.env._("Not in the sample (admitted)"))
        rows = []
        for key in ("admitted", "partial", "not_admitted", "not_examined"):
            lines = self.line_ids.filtered(lambda line, k=key: (line.outcome or "not_examined") == k
                                           if line.sampled else k == "not_examined")
            amount = _total(lines.mapped("amount"))
            not_admitted = _total(lines.mapped("not_admitted_amount"))
            rows.append({"label": labels[key], "count": len(lines), "amount": amount,
                         "admitted": amount - not_admitted, "not_admitted": not_admitted})
        rows.append({"label": self.env._("Total"), "count": sum(row["count"] for row in rows),
                     "amount": _total(row["amount"] for row in rows),
                     "admitted": _total(row["admitted"] for row in rows),
                     "not_admitted": _total(row["not_admitted"] for row in rows)})
        return rows

    @api.model
    def _fami_report_lang(self):
        """The reports for the Ministry are in Italian, where Italian is installed (else in the user's language)."""
        return self.env["res.lang"]._get_code("it_IT") or self.env.lang

    def action_print_report(self):
        return self.env.ref("fami_verification.action_report_verification").report_action(self)


def _total(amounts):
    return sum((cost_rules.cents(amount) for amount in amounts), Decimal(0))
