/** @odoo-module **/
/* Tests only (tests/test_guided_tours.py): a trainer opens "Visite guidate" from the user menu, sees the guided
   tours of the trainer's role in Italian (not the manager's), and starts one: the tour service is asked to start
   it by name, in manual mode (running a second tour inside this one would clash; test_guided_tours.py also starts
   them for real, for each role, on a page without the tests' assets). */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("fami_test_guided_tours_menu", {
    url: "/odoo",
    steps: () => [
        {
            content: "record which tour the launcher starts",
            trigger: ".o_user_menu button",
            run() {
                const service = odoo.__WOWL_DEBUG__.root.env.services.tour_service;
                service.startTour = (name, options) => {
                    document.body.dataset.famiStartedTour = `${name}:${options.mode}`;
                };
            },
        },
        {
            content: "open the user menu",
            trigger: ".o_user_menu button",
            run: "click",
        },
        {
            content: "the guided tours are in the user menu, in Italian",
            trigger: ".dropdown-item[data-menu=fami_guided_tours]:contains(Visite guidate)",
            run: "click",
        },
        {
            content: "the dialog is in Italian",
            trigger: ".modal .modal-title:contains(Visite guidate)",
        },
        {
            content: "the trainer's daily job is offered, in Italian",
            trigger: ".modal .o_fami_guided_tours button[data-tour=fami_trainer_attendance_tour]:contains(Registra le presenze della lezione di oggi)",
        },
        {
            content: "only the tours of the user's roles",
            trigger: ".modal .o_fami_guided_tours",
            run() {
                const offered = [...document.querySelectorAll(".o_fami_guided_tours button[data-tour]")].map(
                    (button) => button.dataset.tour
                );
                const others = ["fami_manager_approval_tour", "fami_expense_registration_tour",
                    "fami_mediator_hours_tour", "fami_claim_workbook_tour", "fami_auditor_workbook_tour"];
                if (others.some((name) => offered.includes(name))) {
                    throw new Error(`tours of other roles are offered: ${offered.join(", ")}`);
                }
            },
        },
        {
            content: "start the trainer's tour",
            trigger: ".modal button[data-tour=fami_trainer_attendance_tour]",
            run: "click",
        },
        {
            content: "the dialog closed and the trainer's tour was started, by name, for the user to follow",
            trigger: "body[data-fami-started-tour='fami_trainer_attendance_tour:manual']:not(:has(.modal))",
        },
    ],
});

/* Tests only: after login the user lands on the FAMI dashboard (the home action), not on Discuss. */
registry.category("web_tour.tours").add("fami_test_home_is_dashboard", {
    url: "/odoo",
    steps: () => [
        {
            content: "the home screen is the FAMI dashboard",
            trigger: ".o_form_view.o_fami_dashboard",
        },
        {
            content: "not Discuss",
            trigger: "body:not(:has(.o-mail-Discuss))",
        },
    ],
});
