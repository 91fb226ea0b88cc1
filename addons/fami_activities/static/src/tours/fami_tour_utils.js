/** @odoo-module **/
/* Steps shared by the FAMI guided tours (started by users from "Visite guidate", run by the tests as the demo
   users). Every step a user must do points at an element found by its technical name (menu xml id, field or
   button name), never by its label, so that a tour works in any language and on any database. */

import { _t } from "@web/core/l10n/translation";

/** Open the FAMI app from the apps menu: it lands on the dashboard (or the project list). */
export function openFamiApp() {
    return [
        {
            content: _t("Open the apps menu"),
            trigger: ".o_navbar_apps_menu button:enabled",
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            id: "fami_app",
            content: _t("Open the FAMI app"),
            trigger: '.o_app[data-menu-xmlid="fami_partners.menu_fami_root"]',
            tooltipPosition: "right",
            run: "click",
        },
    ];
}

/** Open the FAMI app, then the menu `section` (xml id) and its item `item` (xml id). */
export function openFamiMenu(section, sectionContent, item, itemContent) {
    return [
        ...openFamiApp(),
        {
            content: sectionContent,
            trigger: `.o_main_navbar button[data-menu-xmlid="${section}"]`,
            tooltipPosition: "bottom",
            run: "click",
        },
        {
            content: itemContent,
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid="${item}"]`,
            tooltipPosition: "right",
            run: "click",
        },
    ];
}

/** Choose a record in a many2one field: the user types and picks; a test types `typed` and takes the first
   proposal. */
export function pickRecord(field, content, typed) {
    return [
        {
            content,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${typed}`,
        },
        {
            // the user picks from the proposals without being pointed at one
            id: `${field}_picked`,
            isActive: ["auto"],
            trigger: ".o-autocomplete--dropdown-menu li:not(.o_m2o_dropdown_option):not(.o_m2o_no_result) .dropdown-item:not(:has(.fa-spin))",
            run: "click",
        },
    ];
}

/** Type into a date or datetime field. `closePicker`: a test then closes the date-and-time picker it opened (a date
   picker closes by itself; Escape would then discard the form). */
export function typeDate(field, content, typed, closePicker = false) {
    const steps = [
        {
            id: `${field}_typed`,
            content,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${typed}`,
        },
    ];
    if (closePicker) {
        steps.push({
            isActive: ["auto"],
            trigger: `.o_field_widget[name=${field}] input`,
            run: "press Escape",
        });
    }
    return steps;
}

/** Choose a value of a selection field: the user opens the list and chooses; a test selects `value`. */
export function chooseOption(field, content, value) {
    return [
        {
            isActive: ["manual"],
            content,
            trigger: `.o_field_widget[name=${field}] select`,
            run: "click",
        },
        {
            isActive: ["auto"],
            trigger: `.o_field_widget[name=${field}] select`,
            run: `select "${value}"`,
        },
    ];
}
