import functools
import re
from pathlib import Path

from lxml import etree, html

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader

from ..lib import untranslated

# what a view shows: labels, buttons, help texts, placeholders, confirmations, column sums
SHOWN_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "title", "sum", "aria-label", "data-tooltip")


def _catalogue(module):
    """[(msgid, Italian msgstr)] of the addon's i18n/it.po."""
    path = get_module_path(module, display_warning=False)
    po_file = Path(path) / "i18n" / "it.po" if path else None
    if not po_file or not po_file.exists():
        return []
    with po_file.open("rb") as stream:
        return list({(entry["src"], entry["value"]) for entry in PoFileReader(stream)})


@functools.cache
def _english_terms(suite, core):
    """The English fragments of the suite's strings that an Italian screen must not show; the Italian of the
    Odoo addons (`core`) counts as Italian (Budget, Partner, Target...)."""
    pairs = [pair for module in suite for pair in _catalogue(module)]
    italian = [value for module in core for _src, value in _catalogue(module) if value]
    return untranslated.english_terms(pairs, italian)


@tagged("post_install", "-at_install")
class TestItalianScreens(TransactionCase):
    """With the user language it_IT, what the suite shows is Italian: every view of the suite's addons (its labels,
    buttons, help texts, the labels, help and choices of its fields), the selection values of the fami.* models,
    the menus and actions, the activity types, the workflows' states and transitions, and the printed reports. An
    English fragment of the suite's own strings (msgids of its it.po translated to something else, lib/untranslated.py)
    anywhere is a failure naming where it was found. Run after the whole suite is installed (post_install): in the
    full run it covers every addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = cls.env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
        cls.suite = tuple(sorted(name for name in installed if name.startswith("fami_")))
        core = tuple(sorted(name for name in installed if not name.startswith("fami_")))
        cls.env["res.lang"]._activate_lang("it_IT")
        # Odoo's screens the suite's views extend are Italian too: what is left in English is the suite's
        cls.env["ir.module.module"]._load_module_terms(installed, ["it_IT"], overwrite=True)
        cls.user = cls.env.ref("fami_partners.demo_user_responsabile")
        cls.user.lang = "it_IT"
        cls.env = cls.env(context=dict(cls.env.context, lang="it_IT"))
        cls.pattern = re.compile(untranslated.pattern(_english_terms(cls.suite, core)))

    def assert_italian(self, texts):
        found = {}
        for where, text in texts.items():
            hits = [text[max(0, match.start() - 30):match.end() + 30].replace("\n", " ")
                    for match in self.pattern.finditer(text or "")]
            if hits:
                found[where] = hits
        self.assertFalse(found, f"English strings of the suite on Italian screens ({len(found)}):\n" + "\n".join(
            f"  {where}: {' | '.join(repr(hit) for hit in hits)}" for where, hits in sorted(found.items())))

    def suite_records(self, model):
        data = self.env["ir.model.data"].search([("module", "in", self.suite), ("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_terms_are_found(self):
        """The check itself: an English label of the suite is caught, its Italian is not."""
        self.assertTrue(self.pattern.search("Scadenze: Quarterly monitoring report"))
        self.assertFalse(self.pattern.search("Scadenze: Rapporto di monitoraggio trimestrale"))

    def test_every_view_of_the_suite_is_italian(self):
        views = self.suite_records("ir.ui.view").filtered(lambda view: view.type != "qweb")
        texts = {}
        for view in views:
            root = view
            while root.inherit_id and root.mode == "extension":
                root = root.inherit_id
            if root.model not in self.env:
                continue
            result = self.env[root.model].get_views([(root.id, root.type)])
            arch = etree.fromstring(result["views"][root.type]["arch"])
            shown = []
            for node in arch.iter():
                if not isinstance(node.tag, str):
                    continue
                shown += [node.get(attribute) for attribute in SHOWN_ATTRIBUTES if node.get(attribute)]
                if node.tag not in ("field", "t") and node.text and node.text.strip():
                    shown.append(node.text.strip())
                if node.tail and node.tail.strip():
                    shown.append(node.tail.strip())
            for model_name, description in result["models"].items():
                for name, field in description["fields"].items():
                    if arch.xpath(f"//field[@name='{name}']") or model_name != root.model:
                        shown += [field.get("string") or "", field.get("help") or ""]
                        shown += [label for _value, label in field.get("selection") or []]
            texts[f"view {view.xml_id or view.name} ({root.model} {root.type})"] = "\n".join(shown)
        self.assertGreater(len(texts), 20, "the views of the suite were rendered")
        self.assert_italian(texts)

    def test_fields_and_selection_values_are_italian(self):
        texts = {}
        for model_name in self.env.registry:
            if not model_name.startswith("fami.") or self.env[model_name]._abstract:
                continue
            model = self.env[model_name]
            described = model.fields_get(attributes=["string", "help", "selection"])
            for name, field in described.items():
                if model._fields[name]._module not in self.suite:
                    continue  # Odoo's own fields (chatter, activities): Odoo's strings
                texts[f"field {model_name}.{name}"] = "\n".join(
                    [field.get("string") or "", field.get("help") or ""]
                    + [label for _value, label in field.get("selection") or []])
        self.assert_italian(texts)

    def test_menus_actions_activities_and_workflows_are_italian(self):
        texts = {f"menu {menu.complete_name}": menu.name for menu in self.suite_records("ir.ui.menu")}
        for action in [*self.suite_records("ir.actions.act_window"), *self.suite_records("ir.actions.server")]:
            texts[f"action {action.xml_id}"] = "\n".join(filter(None, [action.name, html.fromstring(
                action.help).text_content() if action.help else ""]))
        for activity_type in self.suite_records("mail.activity.type"):
            texts[f"activity type {activity_type.get_external_id()[activity_type.id]}"] = "\n".join(
                filter(None, [activity_type.name, activity_type.summary]))
        for workflow in self.env["fami.workflow"].search([]):
            texts[f"workflow {workflow.model}"] = "\n".join(
                [workflow.name] + workflow.state_ids.mapped("name") + workflow.transition_ids.mapped("name"))
        for deadline in self.env["fami.project.deadline"].search([]):
            texts[f"deadline {deadline.project_id.name}"] = deadline.name
        self.assert_italian(texts)

    def test_chatter_and_workflow_log_are_italian(self):
        """A project created and started by an Italian manager: the chatter lines and workflow log lines the
        suite writes are Italian."""
        wizard = self.env["fami.project.template.wizard"].with_user(self.user).create({
            "name": "Progetto in italiano", "date_start": "2026-01-01", "date_end": "2027-12-31"})
        project = wizard.create_project().with_user(self.user)
        project.write({"cup": "E61H26000000001", "code": "PROG-0001-IT", "total_budget": 100000})
        project.workflow_fire("activate")
        texts = {}
        for message in project.message_ids:
            shown = [html.fromstring(message.body).text_content() if message.body else ""]
            for tracking in message.sudo().tracking_value_ids:
                shown += [tracking.field_id.field_description, tracking.old_value_char or "",
                          tracking.new_value_char or ""]
            texts[f"chatter line #{message.id}"] = "\n".join(shown)
        for activity in project.activity_ids:
            texts[f"activity of {activity.user_id.login}"] = activity.summary or ""
        self.assertTrue(project.workflow_log_ids, "the start of the project is logged")
        for log in project.workflow_log_ids:
            texts[f"workflow log #{log.id}"] = "\n".join(filter(None, [
                log.display_name, log.transition_label, log.state_from_id.name, log.state_to_id.name,
                log.res_model_name]))
        self.assertTrue(texts)
        self.assert_italian(texts)

    def test_every_printed_report_is_italian(self):
        reports = self.suite_records("ir.actions.report").filtered(lambda report: report.report_type == "qweb-pdf")
        texts = {}
        # printed by the manager, who may print every document (beneficiaries' certificates included)
        for report in reports.with_user(self.user):
            record = self.env[report.model].with_user(self.user).search([], limit=1)
            if not record:
                continue
            content, _kind = report._render_qweb_html(report.report_name, record.ids)
            texts[f"report {report.name}"] = html.fromstring(content).text_content()
        self.assertEqual(bool(texts), bool(reports), "the suite's reports were printed")
        self.assert_italian(texts)
