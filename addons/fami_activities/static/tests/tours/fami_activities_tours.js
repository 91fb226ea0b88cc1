/** @odoo-module **/
/* Tests only (tests/test_tours.py): what the trainer and the mediator must see along their guided tours, in
   Italian, on the records the tests prepare. */

import "@fami_activities/tours/fami_activities_tours";
import { addChecks, noEnglish } from "@fami_activities/../tests/tours/fami_tour_checks";

addChecks("fami_trainer_attendance_tour", {
    after: {
        new_lesson: [
            {
                content: "The new lesson has a name, not 'False —'",
                trigger: ".o_breadcrumb:contains(Nuova lezione):not(:contains(False))",
            },
            {
                content: "The trainer recording the lesson holds it",
                trigger: ".o_field_widget[name=trainer_id] input:value(Lorenzo Ferri)",
            },
        ],
        course_id_picked: [
            {
                content: "The venue comes from the course",
                trigger: ".o_field_widget[name=venue_id] input:value(Aula tour)",
            },
        ],
        register_sent: [
            {
                content: "The register is sent, in Italian",
                trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Inviato)",
            },
            noEnglish(["Submit", "Submitted", "Course", "Trainer", "Venue", "Print register",
                       "Training hours delivered"]),
        ],
    },
    before: {
        course_id_picked: [
            {
                content: "The course lookup offers no creation",
                trigger: ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create))",
            },
        ],
        lesson_saved: [
            {
                content: "The lesson is named after its course and time",
                trigger: ".o_breadcrumb:contains(Corso tour presenze — 10/03/2026)",
            },
            noEnglish(["Course", "Trainer", "Venue", "Print register", "Training hours delivered", "New lesson"]),
        ],
        register_marked: [
            {
                content: "The chosen mark is the highlighted button",
                trigger: ".o_kanban_record button.o_fami_chosen.btn-danger:contains(Assente)",
            },
            {
                content: "The others stay present",
                trigger: ".o_kanban_record button.o_fami_chosen.btn-success:contains(Presente)",
            },
            noEnglish(["Present", "Absent", "Justified", "Hours attended", "Attendance register", "Send"]),
        ],
    },
});

addChecks("fami_mediator_hours_tour", {
    before: {
        hours_saved: [
            {
                content: "The hours are computed from the times and cannot be typed over",
                trigger: ".o_field_widget[name=unit_amount]:not(:has(input)):contains(02:30)",
            },
            {
                content: "The hours are named after their day and subject",
                trigger: ".o_breadcrumb:contains(Mediazione):contains(Colloquio con la famiglia a scuola)",
            },
        ],
    },
    after: {
        hours_sent: [
            {
                content: "The hours are sent, in Italian",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Inviato)",
            },
            noEnglish(["FAMI project", "Timesheet project", "From \\(hour\\)", "To \\(hour\\)", "Languages",
                       "Mediation mode", "Beneficiaries helped", "Submit", "Submitted", "Mediation"]),
        ],
    },
});
