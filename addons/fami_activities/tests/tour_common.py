"""Shared set-up of the guided tours: the suite and the Odoo screens it uses, in Italian."""
import logging

from odoo import http

SUITE = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting"]
# Core addons whose labels appear on the tours' screens (menus, buttons, chatter, timesheets)
CORE = ["base", "web", "mail", "calendar", "analytic", "project", "hr", "hr_timesheet"]


class _ChromePreconnectTimeout(logging.Filter):
    """Headless Chromium opens speculative connections it never uses; Odoo's test server closes them after 5 s
    and werkzeug reports each one as an error. They are not requests of the tour."""

    def filter(self, record):
        return "Request timed out: TimeoutError('timed out')" not in record.getMessage()


class ItalianTourMixin:
    """Activate Italian and load the translations of the installed addons that the tours' screens show."""

    @classmethod
    def setup_italian(cls):
        cls.env["res.lang"]._activate_lang("it_IT")
        modules = cls.env["ir.module.module"].search([("name", "in", SUITE + CORE), ("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(modules.mapped("name"), ["it_IT"], overwrite=True)
        # the demo users work in Italian, as on a database served by `devctl run`: the activities the engine
        # gives them (shown in the chatter of the records the tours open) are written in their language
        demo_users = cls.env["ir.model.data"].search([("module", "=", "fami_partners"), ("model", "=", "res.users")])
        cls.env["res.users"].browse(demo_users.mapped("res_id")).exists().write({"lang": "it_IT"})
        # Read the addons' static folders once here: the browser's first parallel requests would otherwise parse
        # every manifest in several threads at once, which CPython 3.11 occasionally fails to do.
        http.root.statics  # noqa: B018 - the property is computed and cached on first access
        timeouts = _ChromePreconnectTimeout()
        logging.getLogger("werkzeug").addFilter(timeouts)
        cls.addClassCleanup(logging.getLogger("werkzeug").removeFilter, timeouts)
