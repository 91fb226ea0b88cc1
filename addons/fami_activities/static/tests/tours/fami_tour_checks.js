/** @odoo-module **/
/* Tests only: checks added to the guided tours when the tests run them (the tours themselves are in
   web.assets_backend, for users). A check is a step without action that waits for what the user should see:
   a user following a tour never meets them. */

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/** Add checks to the guided tour `name`, for the tests: `before` and `after` map a step id to the steps run right
   before or right after it (a step that clicks changes the screen: what the user saw is checked before it). */
export function addChecks(name, { before = {}, after = {} }) {
    const tour = tours.get(name);
    tours.add(
        name,
        {
            ...tour,
            steps: () => {
                const steps = [];
                const missing = new Set([...Object.keys(before), ...Object.keys(after)]);
                for (const step of tour.steps()) {
                    steps.push(...(before[step.id] || []), step, ...(after[step.id] || []));
                    missing.delete(step.id);
                }
                if (missing.size) {
                    throw new Error(`Tour ${name} has no step ${[...missing].join(", ")} to check at`);
                }
                return steps;
            },
        },
        { force: true }
    );
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

/** A step failing when an error or warning dialog is open (a refusal, a client or server error). */
export function noErrorDialog(content) {
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
