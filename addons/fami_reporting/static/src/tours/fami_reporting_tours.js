/** @odoo-module **/
/* The daily jobs of the administrative staff, the manager and the auditor as guided tours: offered to users in
   "Visite guidate" (fami_partners), run by tests/test_tours.py as the demo users. The values a step types are used
   only when a test runs the tour; a user types their own. */

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { openFamiApp, openFamiMenu, pickRecord, typeDate } from "@fami_activities/tours/fami_tour_utils";

const { DateTime } = luxon;
const tours = registry.category("web_tour.tours");

/** Attach a file to a binary field: the user chooses it; a test attaches a small PDF named `filename`. */
function attachFile(field, content, filename) {
    return [
        {
            isActive: ["manual"],
            content,
            trigger: `.o_field_widget[name=${field}] .o_select_file_button`,
            run: "click",
        },
        {
            isActive: ["auto"],
            trigger: `.o_field_widget[name=${field}]`,
            run() {
                const input = this.anchor.querySelector("input[type=file]");
                const files = new DataTransfer();
                files.items.add(new File(["%PDF-1.4 giustificativo"], filename, { type: "application/pdf" }));
                input.files = files.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            isActive: ["auto"],
            trigger: `.o_field_widget[name=${field}] input.o_input:value(${filename})`,
        },
    ];
}

const reportingMenu = ["fami_partners.menu_fami_reporting", _t("Open the Reporting menu")];

tours.add("fami_expense_registration_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu(...reportingMenu, "fami_reporting.menu_fami_expense", _t("Open the expenses")),
        {
            content: _t("Register a new expense (giustificativo): it starts on your project and organisation"),
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickRecord("budget_line_id", _t("Choose the budget line it is charged to"), "Servizi e affidamenti"),
        ...pickRecord("supplier_id", _t("Choose the supplier"), "Tipografia Trasimeno"),
        {
            content: _t("Number of the invoice or receipt"),
            trigger: ".o_field_widget[name=document_number] input",
            run: "edit FT-TOUR-1",
        },
        ...typeDate("document_date", _t("Date of the document"), DateTime.now().toFormat("dd/MM/yyyy")),
        {
            content: _t("Taxable amount"),
            trigger: ".o_field_widget[name=taxable_amount] input",
            run: "edit 1000",
        },
        {
            content: _t("VAT"),
            trigger: ".o_field_widget[name=vat_amount] input",
            run: "edit 220",
        },
        ...attachFile("document_file", _t("Attach the invoice (scan or PDF)"), "fattura.pdf"),
        ...attachFile("payment_proof", _t("Attach the proof of payment (bank transfer receipt)"), "bonifico.pdf"),
        {
            content: _t("Save the expense"),
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            id: "expense_saved",
            content: _t("Send it to be checked: a colleague checks it, not you"),
            trigger: ".o_form_saved button[data-workflow-transition=submit]",
            run: "click",
        },
        {
            id: "expense_sent",
            content: _t("The expense is sent to be checked"),
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[data-workflow-transition=submit]))",
        },
    ],
});

tours.add("fami_claim_workbook_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu(...reportingMenu, "fami_reporting.menu_fami_payment_request", _t("Open the payment claims")),
        {
            id: "new_claim",
            content: _t("Start a new payment claim: it starts on your project and organisation"),
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: _t("Name the claim"),
            trigger: ".o_field_widget[name=name] input",
            run: "edit Domanda tour dal modulo",
        },
        ...typeDate("date_from", _t("First day of the period claimed"),
                    DateTime.now().startOf("month").toFormat("dd/MM/yyyy")),
        ...typeDate("date_to", _t("Last day of the period claimed"), DateTime.now().toFormat("dd/MM/yyyy")),
        {
            content: _t("Save the claim"),
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            id: "claim_saved",
            content: _t("Collect the approved expenses and staff costs of the period"),
            trigger: ".o_form_saved button[name=action_collect_items]",
            run: "click",
        },
        {
            id: "items_collected",
            content: _t("Download the claim workbook (prospetto di rendicontazione)"),
            trigger: ".o_form_saved button[name=action_export_workbook]",
            run: "click",
        },
        {
            id: "workbook_downloaded",
            content: _t("The workbook is downloaded: check it, then send the claim"),
            trigger: ".o_form_view button[name=action_export_workbook]:enabled",
        },
    ],
});

tours.add("fami_manager_approval_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiApp(),
        {
            id: "dashboard",
            content: _t("What awaits your approval: open one of the lists"),
            trigger: ".o_fami_dashboard button[name=action_open_approval_queue]",
            run: "click",
        },
        {
            id: "queue",
            content: _t("Open a record to approve"),
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            id: "record",
            content: _t("Check it, then approve it (or send it back with a comment)"),
            trigger:
                ".o_form_view button[data-workflow-transition=approve], .o_form_view button[data-workflow-transition=check]",
            run: "click",
        },
    ],
});

tours.add("fami_auditor_workbook_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu(...reportingMenu, "fami_reporting.menu_fami_payment_request", _t("Open the payment claims")),
        {
            id: "claims",
            content: _t("Open a claim that was sent"),
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            id: "claim",
            content: _t("Download its workbook as it was sent"),
            trigger: ".o_form_view button[name=action_export_workbook]",
            run: "click",
        },
        {
            id: "workbook_downloaded",
            content: _t("The workbook is downloaded"),
            trigger: ".o_form_view button[name=action_export_workbook]:enabled",
        },
    ],
});
