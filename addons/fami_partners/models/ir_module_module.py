import re

from odoo import models

TRANSLATED_FIELDS = ("name", "unit")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        result = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        self._fami_sync_template_indicator_translations(langs)
        self._fami_sync_planned_deadline_translations(langs)
        return result

    def _fami_sync_planned_deadline_translations(self, langs):
        """Deadlines planned before a language was installed (the demo project's, planned while its addon installs)
        kept only English: name the ones still named as planned ("Quarterly monitoring report (2 of 12)") in the
        language, as their template is."""
        # sudo: translations are loaded by the installer for every project, whoever can read it
        deadlines = self.env["fami.project.deadline"].sudo().with_context(active_test=False).search(
            [("template_deadline_id", "!=", False)])
        for lang in langs:
            if lang == "en_US":
                continue
            for deadline in deadlines:
                template = deadline.template_deadline_id
                english = deadline.with_context(lang="en_US").name
                template_english = template.with_context(lang="en_US").name
                numbered = re.fullmatch(rf"{re.escape(template_english)} \((\d+) of (\d+)\)", english)
                if numbered:
                    name = template.with_context(lang=lang)._planned_name(int(numbered[1]), int(numbered[2]))
                elif english == template_english:
                    name = template.with_context(lang=lang).name
                else:
                    continue  # renamed by hand: the user's words stay
                if deadline.with_context(lang=lang).name != name:
                    deadline.with_context(lang=lang).name = name

    def _fami_sync_template_indicator_translations(self, langs):
        """Indicators copied from a template before a language was installed (the demo project, built while its
        addon installs) kept only English: give the ones still worded like their template its translations."""
        # sudo: translations are loaded by the installer for every project, whoever can read it
        copies = self.env["fami.indicator"].sudo().with_context(active_test=False).search(
            [("template_indicator_id", "!=", False)])
        for lang in langs:
            if lang == "en_US":
                continue
            for copy in copies:
                template = copy.template_indicator_id
                values = {field: template.with_context(lang=lang)[field] for field in TRANSLATED_FIELDS
                          if copy.with_context(lang="en_US")[field] == template.with_context(lang="en_US")[field]
                          and copy.with_context(lang=lang)[field] != template.with_context(lang=lang)[field]}
                if values:
                    copy.with_context(lang=lang).write(values)
