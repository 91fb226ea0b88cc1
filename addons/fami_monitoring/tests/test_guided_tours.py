import json
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from odoo.addons.fami_activities.tests.tour_common import ItalianTourMixin

LOGINS = ("formatore", "mediatore", "amministrativo", "responsabile", "revisore")
# the guided tours each demo role is offered, in order, with their Italian titles
OFFERED = {
    "formatore": ["fami_trainer_attendance_tour"],
    "mediatore": ["fami_mediator_hours_tour"],
    "amministrativo": ["fami_expense_registration_tour", "fami_claim_workbook_tour"],
    # managers hold the roles of staff, trainers and mediators too
    "responsabile": ["fami_trainer_attendance_tour", "fami_mediator_hours_tour", "fami_expense_registration_tour",
                     "fami_claim_workbook_tour", "fami_manager_approval_tour"],
    "revisore": ["fami_auditor_workbook_tour"],
}
TITLES = {
    "fami_trainer_attendance_tour": "Registra le presenze della lezione di oggi",
    "fami_mediator_hours_tour": "Registra le tue ore di mediazione",
    "fami_expense_registration_tour": "Registra una spesa",
    "fami_claim_workbook_tour": "Prepara una domanda di rimborso",
    "fami_manager_approval_tour": "Approva ciò che ti attende",
    "fami_auditor_workbook_tour": "Scarica il prospetto di una domanda inviata",
}

# Plain browser code (no tour: the tests' tours are in web.assets_tests, which this page must not load). It opens
# "Visite guidate" from the user menu, compares the tours offered with `expected`, starts the first one as a user
# does and waits for its first pointer, in Italian.
LISTING_CODE = """
(async () => {
    const expected = %(expected)s;
    const titles = %(titles)s;
    const waitFor = async (selector, what) => {
        for (let i = 0; i < 200; i++) {
            const element = document.querySelector(selector);
            if (element) {
                return element;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`not found within 10 s: ${what} (${selector})`);
    };
    if (document.querySelector('script[src*="assets_tests"]') || odoo.loader.modules.has(
            "@fami_activities/../tests/tours/fami_tour_checks")) {
        throw new Error("the tests' assets are loaded: this page must be a user's page");
    }
    (await waitFor(".o_user_menu button", "the user menu")).click();
    (await waitFor(".dropdown-item[data-menu=fami_guided_tours]", "Visite guidate")).click();
    const title = await waitFor(".modal .modal-title", "the dialog");
    if (title.innerText.trim() !== "Visite guidate") {
        throw new Error(`the dialog is titled "${title.innerText}"`);
    }
    await waitFor(".modal .o_fami_guided_tours button[data-tour], .modal .o_fami_no_guided_tour", "the list");
    const offered = [...document.querySelectorAll(".modal .o_fami_guided_tours button[data-tour]")];
    const names = offered.map((button) => button.dataset.tour);
    if (JSON.stringify(names) !== JSON.stringify(expected)) {
        throw new Error(`offered ${JSON.stringify(names)}, expected ${JSON.stringify(expected)}`);
    }
    for (const button of offered) {
        const shown = button.querySelector("strong").innerText.trim();
        if (shown !== titles[button.dataset.tour]) {
            throw new Error(`${button.dataset.tour} is offered as "${shown}", not in Italian`);
        }
    }
    offered[0].click();
    const pointer = await waitFor(".o_tour_pointer .o_tour_pointer_content", "the tour's first pointer");
    if (document.querySelector(".modal")) {
        throw new Error("the dialog stayed open");
    }
    if (!pointer.textContent.includes("Apri il menu delle app")) {
        throw new Error(`the tour's first step says "${pointer.textContent}"`);
    }
    if (localStorage.getItem("current_tour") !== expected[0]) {
        throw new Error(`the tour started is ${localStorage.getItem("current_tour")}`);
    }
    // Odoo's onboarding (its own tours, started at every login) stays as it was: off
    const { rpc } = odoo.loader.modules.get("@web/core/network/rpc");
    const { user } = odoo.loader.modules.get("@web/core/user");
    for (let i = 0; ; i++) {
        const [{ tour_enabled }] = await rpc("/web/dataset/call_kw/res.users/read", {
            model: "res.users", method: "read", args: [[user.userId], ["tour_enabled"]], kwargs: {},
        });
        if (!tour_enabled) {
            break;
        }
        if (i === 100) {
            throw new Error("starting the tour switched Odoo's onboarding tours on");
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // the next page of this browser must not resume the tour
    for (const key of Object.keys(localStorage).filter((key) => key.startsWith("current_tour"))) {
        localStorage.removeItem(key);
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestGuidedToursMenu(ItalianTourMixin, HttpCase):
    """Users start the guided tours of their role from the user menu ("Visite guidate"), in Italian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        users = cls.env["res.users"].search([("login", "in", LOGINS)])
        users.lang = "it_IT"

    def test_trainer_starts_a_guided_tour_from_the_user_menu(self):
        self.start_tour("/odoo", "fami_test_guided_tours_menu", login="formatore")

    def test_each_role_is_offered_its_tours_in_a_users_page(self):
        """Before: the tours were defined in the tests' assets only, so a user's page offered none. Here the page
        is rendered as outside the tests (no web.assets_tests), for each demo role."""
        for login in LOGINS:
            with self.subTest(login=login), patch.dict(config.options, {"test_enable": False}):
                code = LISTING_CODE % {"expected": json.dumps(OFFERED[login]), "titles": json.dumps(TITLES)}
                self.browser_js("/odoo", code, login=login)
                user = self.env["res.users"].search([("login", "=", login)])
                user.invalidate_recordset(["tour_enabled"])
                self.assertFalse(user.tour_enabled, "starting a FAMI tour does not switch Odoo's onboarding tours on")


@tagged("post_install", "-at_install")
class TestHomeScreen(HttpCase):
    """Each demo role lands on the FAMI dashboard after login, in the browser."""

    def test_each_role_lands_on_the_dashboard(self):
        for login in LOGINS:
            with self.subTest(login=login):
                self.start_tour("/odoo", "fami_test_home_is_dashboard", login=login)
