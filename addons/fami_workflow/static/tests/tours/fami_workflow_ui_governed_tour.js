/** @odoo-module **/
/* A contact governed by a workflow made in the UI (tests/test_ui_governed_partner.py): the status bar and the
   buttons the engine added to Odoo's own contact form, clicked as a plain user. */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("fami_workflow_contact_agreement_tour", {
    steps: () => [
        {
            content: "The status bar of the workflow, above Odoo's contact form",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Proposed)",
        },
        {
            content: "Nothing to sign yet for a plain user: only Submit is offered",
            trigger: ".o_form_view:not(:has(button[name=action_workflow_fire]:contains(Sign)))",
        },
        {
            content: "Submit the agreement",
            trigger: ".o_form_view button[name=action_workflow_fire]:contains(Submit)",
            run: "click",
        },
        {
            content: "The contact moved to Submitted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Submitted)",
        },
        {
            content: "The signers' turn: no button left for this user",
            trigger: ".o_form_view:not(:has(button[name=action_workflow_fire]:visible))",
        },
    ],
});
