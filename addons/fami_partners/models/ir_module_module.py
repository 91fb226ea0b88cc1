from odoo import models

TRANSLATED_FIELDS = ("name", "unit")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        result = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        self._fami_sync_template_indicator_translations(langs)
        return result

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
