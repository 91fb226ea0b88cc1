/** @odoo-module **/
/* The daily jobs of the administrative staff, as guided tours run by tests/test_tours.py in Italian. */

import { registry } from "@web/core/registry";
import { noEnglish, openFamiApp, openFamiMenu } from "@fami_activities/../tests/tours/fami_tour_utils";

const { DateTime } = luxon;
const tours = registry.category("web_tour.tours");

function pick(field, text, typed = text) {
    return [
        {
            content: `Fill ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: typed === null ? "click" : `edit ${typed}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-menu .dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

tours.add("fami_expense_registration_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiApp(),
        {
            content: "The app opens on the dashboard: budget burn and what awaits my approval",
            trigger: ".o_form_view .o_inner_group:contains(Avanzamento della spesa)",
        },
        {
            content: "An expense submitted by a colleague waits for my check",
            trigger: "button[name=action_open_approval_queue]:contains(Spese)",
        },
        noEnglish(["Awaiting my approval", "Budget burn", "Indicators against their targets", "Spent",
                   "Budget planned", "Nothing awaits your approval"]),
        {
            content: "Open the Reporting menu",
            trigger: ".o_main_navbar button.dropdown-toggle:contains(Rendicontazione)",
            run: "click",
        },
        {
            content: "Choose Expenses",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Spese)",
            run: "click",
        },
        {
            content: "Register a new expense (giustificativo)",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pick("project_id", "Progetto tour spese"),
        ...pick("organisation_id", "Ente tour spese"),
        ...pick("budget_line_id", "Materiali tour", null),
        ...pick("supplier_id", "Tipografia tour"),
        {
            content: "Document number",
            trigger: ".o_field_widget[name=document_number] input",
            run: "edit FT-TOUR-1",
        },
        {
            content: "Document date",
            trigger: ".o_field_widget[name=document_date] input",
            run: `edit ${DateTime.now().toFormat("dd/MM/yyyy")}`,
        },
        {
            content: "Taxable amount",
            trigger: ".o_field_widget[name=taxable_amount] input",
            run: "edit 1000",
        },
        {
            content: "VAT",
            trigger: ".o_field_widget[name=vat_amount] input",
            run: "edit 220",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The expense is saved as a draft",
            trigger: ".o_form_saved .o_statusbar_status .o_arrow_button_current:contains(Bozza)",
        },
        noEnglish(["Supplier", "Document number", "Document date", "Taxable amount", "Budget line",
                   "Proof of payment", "Payment date", "Attachments", "Draft", "Submit"]),
    ],
});

tours.add("fami_claim_workbook_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu("Rendicontazione", "Domande di rimborso"),
        {
            content: "Open the interim claim",
            trigger: ".o_data_row .o_data_cell:contains(Domanda tour intermedia)",
            run: "click",
        },
        {
            content: "Collect the approved expenses of the period",
            trigger: "button[name=action_collect_items]:contains(Raccogli le voci approvate)",
            run: "click",
        },
        {
            content: "The approved expense is in the claim",
            trigger: ".o_field_widget[name=expense_ids] .o_data_row:contains(FT-TOUR-9)",
        },
        noEnglish(["Collect approved items", "Claim workbook", "Compute staff costs", "Amount requested",
                   "Amount in words", "Staff costs", "Expenses", "Interim", "Direct costs",
                   "Indirect costs"]),
        {
            content: "Produce the claim workbook",
            trigger: "button[name=action_export_workbook]:contains(Prospetto di rendicontazione)",
            run: "click",
        },
        {
            content: "The claim stays on screen while the workbook downloads",
            trigger: ".o_form_view .o_field_widget[name=amount_in_words]",
        },
    ],
});

/** A step failing when an error or warning dialog is open (a refusal, a client or server error). */
function noErrorDialog(content) {
    return {
        content,
        trigger: ".o_form_view .o_form_sheet",
        run() {
            const dialog = document.querySelector(".modal .modal-body");
            if (dialog) {
                throw new Error(`A dialog opened: ${dialog.innerText}`);
            }
        },
    };
}

tours.add("fami_claim_new_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu("Rendicontazione", "Domande di rimborso"),
        {
            content: "Start a new claim (Nuova)",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The claim starts on my organisation's project",
            trigger: ".o_field_widget[name=project_id] input",
            run() {
                if (!this.anchor.value.includes("UMBRIA 2")) {
                    throw new Error(`The new claim is on "${this.anchor.value}", not on the user's project`);
                }
            },
        },
        {
            content: "My organisation is the claim's partner",
            trigger: ".o_field_widget[name=organisation_ids] .o_tag:contains(Impresa Sociale)",
        },
        noEnglish(["Payment request", "Interim", "Compute staff costs", "Collect approved items",
                   "Claim workbook", "Amount requested", "Direct costs", "Totals", "Expenses", "Staff costs"]),
        {
            content: "Name the claim",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Domanda tour dal modulo",
        },
        {
            content: "From",
            trigger: ".o_field_widget[name=date_from] input",
            run: `edit ${DateTime.now().startOf("month").toFormat("dd/MM/yyyy")}`,
        },
        {
            content: "To",
            trigger: ".o_field_widget[name=date_to] input",
            run: `edit ${DateTime.now().toFormat("dd/MM/yyyy")}`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The claim is saved as a draft",
            trigger: ".o_form_saved .o_statusbar_status .o_arrow_button_current:contains(Bozza)",
        },
        {
            content: "Collect the approved items of the period",
            trigger: "button[name=action_collect_items]:contains(Raccogli le voci approvate)",
            run: "click",
        },
        {
            content: "The claim says what it collected (or that it found nothing), in Italian",
            trigger: ".o_notification:contains(domanda)",
        },
        noErrorDialog("No error while collecting"),
    ],
});

tours.add("fami_auditor_workbook_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu("Rendicontazione", "Domande di rimborso"),
        {
            content: "Open the claim that was sent",
            trigger: ".o_data_row .o_data_cell:contains(Domanda di rimborso intermedia n. 1)",
            run: "click",
        },
        {
            content: "The claim is sent: nothing is collected into it any more",
            trigger: ".o_form_view:not(:has(button[name=action_collect_items])) .o_statusbar_status",
        },
        noEnglish(["Claim workbook", "Amount requested", "Net amount requested", "Interim", "Expenses",
                   "Staff costs", "Direct costs"]),
        {
            content: "Download the claim workbook as sent",
            trigger: "button[name=action_export_workbook]:contains(Prospetto di rendicontazione)",
            run: "click",
        },
        {
            content: "The button is ready again once the download started",
            trigger: ".o_form_view button[name=action_export_workbook]:enabled",
        },
        noErrorDialog("The auditor's download is not refused"),
    ],
});
