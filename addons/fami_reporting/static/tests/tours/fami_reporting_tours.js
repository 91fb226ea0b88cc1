/** @odoo-module **/
/* Tests only (tests/test_tours.py): what staff, managers and auditors must see along their guided tours, in
   Italian, on the records the tests prepare; and the four-eyes refusal, clicked as the user who sent an expense. */

import "@fami_reporting/tours/fami_reporting_tours";
import { registry } from "@web/core/registry";
import { addChecks, noEnglish, noErrorDialog } from "@fami_activities/../tests/tours/fami_tour_checks";
import { openFamiMenu } from "@fami_activities/tours/fami_tour_utils";

const tours = registry.category("web_tour.tours");

addChecks("fami_expense_registration_tour", {
    after: {
        fami_app: [
            {
                content: "The app opens on the dashboard: budget burn and what awaits my approval",
                trigger: ".o_form_view.o_fami_dashboard .o_inner_group:contains(Avanzamento della spesa)",
            },
            noEnglish(["Awaiting my approval", "Budget burn", "Indicators against their targets", "Spent",
                       "Budget planned", "Nothing awaits your approval"]),
        ],
        budget_line_id_picked: [
            {
                content: "The new expense is on the user's organisation",
                trigger: ".o_field_widget[name=organisation_id] input:value(C.i.d.i.s.)",
            },
        ],
        expense_sent: [
            {
                content: "The expense is sent to be checked",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Inviata)",
            },
            noErrorDialog("No error while sending"),
        ],
    },
    before: {
        expense_saved: [
            {
                content: "The expense is saved as a draft",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Bozza)",
            },
            noEnglish(["Supplier", "Document number", "Document date", "Taxable amount", "Budget line",
                       "Proof of payment", "Payment date", "Attachments", "Draft", "Submit"]),
        ],
    },
});

addChecks("fami_claim_workbook_tour", {
    after: {
        new_claim: [
            {
                content: "The claim starts on my organisation's project",
                trigger: ".o_field_widget[name=project_id] input:value(UMBRIA 2)",
            },
            {
                content: "My organisation is the claim's partner",
                trigger: ".o_field_widget[name=organisation_ids] .o_tag:contains(C.i.d.i.s.)",
            },
            noEnglish(["Payment request", "Interim", "Compute staff costs", "Collect approved items",
                       "Claim workbook", "Amount requested", "Direct costs", "Totals", "Expenses", "Staff costs"]),
        ],
        workbook_downloaded: [noErrorDialog("No error while collecting and downloading")],
    },
    before: {
        claim_saved: [
            {
                content: "The claim is saved as a draft",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Bozza)",
            },
        ],
        items_collected: [
            {
                content: "The approved expense of the period is in the claim",
                trigger: ".o_field_widget[name=expense_ids] .o_data_row:contains(FT-TOUR-9)",
            },
            {
                content: "The claim says what it collected, in Italian",
                trigger: ".o_notification:contains(domanda)",
            },
        ],
    },
});

addChecks("fami_manager_approval_tour", {
    before: {
        dashboard: [
            {
                content: "Hours of mediation await my approval",
                trigger: ".o_fami_dashboard button[name=action_open_approval_queue]:contains(Ore di mediazione)",
            },
        ],
        record: [noEnglish(["Approve", "Send back", "FAMI project", "Mediation mode", "Workflow log"])],
    },
    after: {
        record: [
            {
                content: "The hours are approved",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approvato)",
            },
            noErrorDialog("No error while approving"),
        ],
    },
});

addChecks("fami_auditor_workbook_tour", {
    before: {
        claim: [
            {
                content: "The claim is sent: nothing is collected into it any more",
                trigger: ".o_form_view:not(:has(button[name=action_collect_items])) .o_statusbar_status",
            },
            noEnglish(["Claim workbook", "Amount requested", "Net amount requested", "Interim", "Expenses",
                       "Staff costs", "Direct costs"]),
        ],
    },
    after: {
        workbook_downloaded: [noErrorDialog("The auditor's download is not refused")],
    },
});

function openExpense(number) {
    return [
        ...openFamiMenu("fami_partners.menu_fami_reporting", "Reporting", "fami_reporting.menu_fami_expense",
                        "Expenses"),
        {
            content: `Open the expense ${number}`,
            trigger: `.o_data_row .o_data_cell:contains(${number})`,
            run: "click",
        },
    ];
}

/* Four eyes: who sent an expense cannot check it; the engine's refusal is shown in Italian, the expense stays
   sent. */
tours.add("fami_test_four_eyes_refused", {
    url: "/odoo",
    steps: () => [
        ...openExpense("FT-QUATTRO-OCCHI"),
        {
            content: "Send the expense",
            trigger: ".o_form_view button[data-workflow-transition=submit]:contains(Invia)",
            run: "click",
        },
        {
            content: "The expense is sent",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Inviata)",
        },
        {
            content: "Try to check it yourself",
            trigger: ".o_form_view button[data-workflow-transition=check]:contains(Controlla)",
            run: "click",
        },
        {
            content: "The refusal of the engine, in Italian, names the step and who must do it",
            trigger: ".modal .modal-body:contains(Principio dei quattro occhi):contains(un collega deve eseguire «Controlla»)",
        },
        {
            content: "Close the refusal",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The expense is still sent, not checked",
            trigger: "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains(Inviata)",
        },
    ],
});

/* Four eyes: a colleague checks the expense. */
tours.add("fami_test_four_eyes_colleague", {
    url: "/odoo",
    steps: () => [
        ...openExpense("FT-QUATTRO-OCCHI"),
        {
            content: "Check the expense a colleague sent",
            trigger: ".o_form_view button[data-workflow-transition=check]:contains(Controlla)",
            run: "click",
        },
        {
            content: "The expense is checked",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Verificata)",
        },
        noErrorDialog("No refusal for a colleague"),
    ],
});
