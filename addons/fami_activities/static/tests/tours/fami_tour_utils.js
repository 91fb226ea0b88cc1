/** @odoo-module **/
/* Steps shared by the FAMI guided tours: reaching a menu of the FAMI app and checking that a screen shows no
   English label of the suite (the tours run for users who work in Italian). */

import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** Open the FAMI app from the apps menu: it lands on the dashboard. */
export function openFamiApp() {
    return stepUtils.goToAppSteps("fami_partners.menu_fami_root", "Open the FAMI app");
}

export function openFamiMenu(section, item) {
    return [
        ...openFamiApp(),
        {
            content: `Open the ${section} menu`,
            trigger: `.o_main_navbar button.dropdown-toggle:contains(${section})`,
            run: "click",
        },
        {
            content: `Choose ${item}`,
            trigger: `.o-dropdown--menu .dropdown-item:contains(${item})`,
            run: "click",
        },
    ];
}

/** A step failing when one of `labels` (English words of our screens) is visible on the page. */
export function noEnglish(labels) {
    return {
        content: "The screen shows no English label of the suite",
        trigger: ".o_action_manager",
        run() {
            const text = document.body.innerText;
            const found = labels
                .map((label) => text.match(new RegExp(`.{0,40}(^|\\W)${label}(\\W|$).{0,40}`)))
                .filter(Boolean);
            if (found.length) {
                throw new Error(`English labels on an Italian screen: ${found.map((m) => m[0]).join(" | ")}`);
            }
        },
    };
}
