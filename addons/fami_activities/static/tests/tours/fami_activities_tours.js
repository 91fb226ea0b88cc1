/** @odoo-module **/
/* The daily jobs of trainers, mediators and managers, as guided tours run by tests/test_tours.py in Italian. */

import { registry } from "@web/core/registry";
import { noEnglish, openFamiMenu } from "@fami_activities/../tests/tours/fami_tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("fami_trainer_attendance_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu("Attività", "Le mie lezioni di oggi"),
        {
            content: "Open today's session",
            trigger: ".o_data_row .o_data_cell:contains(Corso tour presenze)",
            run: "click",
        },
        {
            content: "Open the attendance register",
            trigger: "button[name=action_open_register]:contains(Registro presenze)",
            run: "click",
        },
        {
            content: "Mark a participant absent",
            trigger: ".o_kanban_record:contains(Operatore tour 2) button[name=action_mark_absent]:contains(Assente)",
            run: "click",
        },
        {
            content: "The register shows the absence",
            trigger: ".o_kanban_record:contains(Operatore tour 2) .badge:contains(Assente)",
        },
        noEnglish(["Present", "Absent", "Justified", "Hours attended", "Attendance register"]),
        {
            content: "Back to the session",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Corso tour presenze)",
            run: "click",
        },
        {
            content: "Submit the register for approval",
            trigger: "button[name=action_workflow_fire]:contains(Invia)",
            run: "click",
        },
        {
            content: "The register is submitted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Inviato)",
        },
        noEnglish(["Submit", "Submitted", "Course", "Trainer", "Venue", "Print register", "Training hours delivered"]),
    ],
});

tours.add("fami_mediator_hours_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu("Attività", "Le mie ore"),
        {
            content: "Record new hours",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "FAMI project",
            trigger: ".o_field_widget[name=fami_project_id] input",
            run: "edit Progetto tour mediazione",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Progetto tour mediazione)",
            run: "click",
        },
        {
            content: "Timesheet project",
            trigger: ".o_field_widget[name=project_id] input",
            run: "edit Ore tour mediazione",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Ore tour mediazione)",
            run: "click",
        },
        {
            content: "From",
            trigger: ".o_field_widget[name=fami_time_start] input",
            run: "edit 09:00",
        },
        {
            content: "To",
            trigger: ".o_field_widget[name=fami_time_end] input",
            run: "edit 11:30",
        },
        {
            content: "Where the mediation took place",
            trigger: ".o_field_widget[name=fami_service_kind] select",
            run: 'select "school"',
        },
        {
            content: "What it was about",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Colloquio con la famiglia a scuola",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit the hours",
            trigger: ".o_form_saved button[name=action_workflow_fire]:contains(Invia)",
            run: "click",
        },
        {
            content: "The hours are submitted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Inviato)",
        },
        noEnglish(["FAMI project", "Timesheet project", "From \\(hour\\)", "To \\(hour\\)", "Languages",
                   "Mediation mode", "Beneficiaries helped", "Submit", "Submitted"]),
    ],
});

tours.add("fami_manager_approval_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu("Attività", "Ore di mediazione"),
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Show only the hours waiting for approval",
            trigger: ".o_filter_menu .o_menu_item:contains(Da approvare)",
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: ".o_searchview_facet:contains(Da approvare)",
        },
        {
            content: "Open the hours of the mediator",
            trigger: ".o_data_row .o_data_cell:contains(Mediatrice tour)",
            run: "click",
        },
        {
            content: "Approve them",
            trigger: "button[name=action_workflow_fire]:contains(Approva)",
            run: "click",
        },
        {
            content: "The hours are approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approvato)",
        },
        noEnglish(["Approve", "Approved", "Send back", "FAMI project", "Mediation mode", "Workflow log"]),
    ],
});
