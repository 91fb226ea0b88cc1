/** @odoo-module **/
/* "Visite guidate" in the user menu (beside Documentation and Help): the daily jobs of the user's FAMI roles as
   guided tours. Each tour is started by name through Odoo's tour service, in manual mode: a pointer shows the
   next step and moves on when the user has done it. The tours themselves are defined in web.assets_backend by the
   addons that own the screens (fami_activities, fami_reporting: static/src/tours); a tour whose addon is not
   installed is not offered. */

import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { session } from "@web/session";

/** The guided tours users may start: {tour name: {title, description, groups (xml ids), sequence}}. */
export const guidedTours = registry.category("fami_guided_tours");

guidedTours
    .add("fami_trainer_attendance_tour", {
        title: _t("Take the attendance of today's lesson"),
        description: _t("Record today's lesson, mark who was absent and send the attendance register."),
        groups: ["fami_partners.group_fami_trainer"],
        sequence: 10,
    })
    .add("fami_mediator_hours_tour", {
        title: _t("Record your mediation hours"),
        description: _t("Record the hours of a mediation and send them for approval."),
        groups: ["fami_partners.group_fami_mediator"],
        sequence: 20,
    })
    .add("fami_expense_registration_tour", {
        title: _t("Register an expense"),
        description: _t("Register an invoice with its proof of payment and send it to be checked."),
        groups: ["fami_partners.group_fami_admin_staff"],
        sequence: 30,
    })
    .add("fami_claim_workbook_tour", {
        title: _t("Prepare a payment claim"),
        description: _t("Start a payment claim, collect the approved items of the period and download its workbook."),
        groups: ["fami_partners.group_fami_admin_staff"],
        sequence: 40,
    })
    .add("fami_manager_approval_tour", {
        title: _t("Approve what awaits you"),
        description: _t("From the dashboard, open what awaits your approval and approve it."),
        groups: ["fami_partners.group_fami_manager"],
        sequence: 50,
    })
    .add("fami_auditor_workbook_tour", {
        title: _t("Download the workbook of a sent claim"),
        description: _t("Open a payment claim that was sent and download its workbook as it was sent."),
        groups: ["fami_partners.group_fami_auditor"],
        sequence: 60,
    });

/** The guided tours of the user's roles whose definition is loaded, in their order. */
export async function toursOfUser() {
    const tours = registry.category("web_tour.tours");
    const offered = [];
    for (const [name, tour] of guidedTours.getEntries()) {
        if (!tours.contains(name)) {
            continue;
        }
        const held = await Promise.all((tour.groups || []).map((group) => user.hasGroup(group)));
        if (!tour.groups?.length || held.some(Boolean)) {
            offered.push({ ...tour, name });
        }
    }
    return offered.sort((a, b) => a.sequence - b.sequence);
}

export class FamiGuidedToursDialog extends Component {
    static template = "fami_partners.GuidedToursDialog";
    static components = { Dialog };
    static props = { close: Function, tours: Array };

    setup() {
        this.tourService = useService("tour_service");
    }

    async start(tour) {
        this.props.close();
        const onboarding = session.tour_enabled;
        // from the screen the user is on: each tour starts by opening the FAMI app
        await this.tourService.startTour(tour.name, { mode: "manual", redirect: false });
        if (!onboarding) {
            // Odoo switches the user's onboarding on for a manual tour, which would then start Odoo's own
            // onboarding tours (projects, Discuss) after ours and at every login: leave it as the user had it
            // (the service itself, not the dialog's handle on it: the dialog is closed by now)
            await this.env.services.orm.call("res.users", "switch_tour_enabled", [false]);
        }
    }
}

registry.category("user_menuitems").add("fami_guided_tours", (env) => ({
    type: "item",
    id: "fami_guided_tours",
    description: _t("Guided tours"),
    callback: async () => {
        env.services.dialog.add(FamiGuidedToursDialog, { tours: await toursOfUser() });
    },
    sequence: 25,
}));
