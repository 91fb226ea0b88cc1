/** @odoo-module **/
/* The daily jobs of trainers and mediators as guided tours: offered to users in "Visite guidate" (fami_partners),
   run by tests/test_tours.py as the demo users. The values a step types are used only when a test runs the tour;
   a user types their own. */

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { chooseOption, openFamiMenu, pickRecord, typeDate } from "@fami_activities/tours/fami_tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("fami_trainer_attendance_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu(
            "fami_partners.menu_fami_activities",
            _t("Open the Activities menu"),
            "fami_activities.menu_fami_session_today",
            _t("Open your lessons of today")
        ),
        {
            id: "new_lesson",
            content: _t("Record today's lesson"),
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickRecord(
            "course_id",
            _t("Choose the course: its venue is filled in, and you are the trainer"),
            "Corso tour presenze"
        ),
        ...typeDate("start", _t("When the lesson started"), "10/03/2026 09:00:00", true),
        ...typeDate("stop", _t("When it ended"), "10/03/2026 11:00:00", true),
        {
            content: _t("What the lesson was about"),
            trigger: ".o_field_widget[name=topic] input",
            run: "edit Presentazioni",
        },
        {
            content: _t("Save the lesson"),
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            id: "lesson_saved",
            content: _t("Open the attendance register of the lesson"),
            trigger: ".o_form_saved button[name=action_open_register]",
            run: "click",
        },
        {
            // the user marks whoever was missing; a test marks the first participant absent
            isActive: ["auto"],
            trigger: ".o_kanban_record button[name=action_mark_absent]",
            run: "click",
        },
        {
            id: "register_marked",
            content: _t("Everybody starts present: mark who was absent or justified, then send the register"),
            trigger: ".o_control_panel button[name=action_send_register]",
            run: "click",
        },
        {
            id: "register_sent",
            content: _t("The register is sent for approval"),
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[data-workflow-transition=submit]))",
        },
    ],
});

tours.add("fami_mediator_hours_tour", {
    url: "/odoo",
    steps: () => [
        ...openFamiMenu(
            "fami_partners.menu_fami_activities",
            _t("Open the Activities menu"),
            "fami_activities.menu_fami_mediation_mine",
            _t("Open your hours")
        ),
        {
            content: _t("Record new hours of mediation"),
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickRecord("fami_project_id", _t("Choose the FAMI project"), "UMBRIA 2"),
        {
            id: "project_chosen",
            content: _t("From (hour)"),
            trigger: ".o_field_widget[name=fami_time_start] input",
            run: "edit 09:00",
        },
        {
            content: _t("To (hour): the hours are computed from the times"),
            trigger: ".o_field_widget[name=fami_time_end] input",
            run: "edit 11:30",
        },
        ...chooseOption("fami_service_kind", _t("Where the mediation took place"), "school"),
        {
            content: _t("What it was about"),
            trigger: ".o_field_widget[name=name] input",
            run: "edit Colloquio con la famiglia a scuola",
        },
        {
            content: _t("Save the hours"),
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            id: "hours_saved",
            content: _t("Send the hours for approval"),
            trigger: ".o_form_saved button[data-workflow-transition=submit]",
            run: "click",
        },
        {
            id: "hours_sent",
            content: _t("The hours are sent for approval"),
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[data-workflow-transition=submit]))",
        },
    ],
});
