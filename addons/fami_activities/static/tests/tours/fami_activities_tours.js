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
            content: "Record a new lesson",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The new lesson has a name, not 'False —'",
            trigger: ".o_breadcrumb:contains(Nuova lezione):not(:contains(False))",
        },
        {
            content: "The trainer recording the lesson holds it",
            trigger: ".o_field_widget[name=trainer_id] input:value(Formatore tour)",
        },
        {
            content: "Course",
            trigger: ".o_field_widget[name=course_id] input",
            run: "edit Corso tour presenze",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create)) .dropdown-item:contains(Corso tour presenze)",
            run: "click",
        },
        {
            content: "The venue comes from the course",
            trigger: ".o_field_widget[name=venue_id] input:value(Aula tour)",
        },
        {
            content: "Start",
            trigger: ".o_field_widget[name=start] input",
            run: "edit 10/03/2026 09:00:00 && press Escape",
        },
        {
            content: "End",
            trigger: ".o_field_widget[name=stop] input",
            run: "edit 10/03/2026 11:00:00 && press Escape",
        },
        {
            content: "Topic",
            trigger: ".o_field_widget[name=topic] input",
            run: "edit Presentazioni",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The lesson is named after its course and time",
            trigger: ".o_breadcrumb:contains(Corso tour presenze — 10/03/2026)",
        },
        noEnglish(["Course", "Trainer", "Venue", "Print register", "Training hours delivered", "New lesson"]),
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
            content: "The chosen mark is the highlighted button",
            trigger: ".o_kanban_record:contains(Operatore tour 2) button.o_fami_chosen.btn-danger:contains(Assente)",
        },
        {
            content: "The others stay present",
            trigger: ".o_kanban_record:contains(Operatore tour 1) button.o_fami_chosen.btn-success:contains(Presente)",
        },
        noEnglish(["Present", "Absent", "Justified", "Hours attended", "Attendance register", "Send"]),
        {
            content: "Send the register from the tablet screen",
            trigger: ".o_control_panel button[name=action_send_register]:contains(Invia)",
            run: "click",
        },
        {
            content: "The register is sent",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Inviato)",
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
            trigger: ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create)) .dropdown-item:contains(Progetto tour mediazione)",
            run: "click",
        },
        {
            content: "The timesheet project comes from the FAMI project",
            trigger: ".o_field_widget[name=project_id]:contains(Ore tour mediazione)",
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
            content: "The hours are computed from the times and cannot be typed over",
            trigger: ".o_field_widget[name=unit_amount]:not(:has(input)):contains(02:30)",
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
            content: "The hours are named after their day and subject",
            trigger: ".o_breadcrumb:contains(Mediazione):contains(Colloquio con la famiglia a scuola)",
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
                   "Mediation mode", "Beneficiaries helped", "Submit", "Submitted", "Mediation"]),
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
