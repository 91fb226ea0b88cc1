from markupsafe import escape

from odoo import models
from odoo.tools import SQL
from odoo.tools.translate import code_translations


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        result = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        self.env["fami.workflow"]._refresh_activity_summaries(langs)
        self.env["fami.workflow"]._ui_translate(langs)
        self._fami_translate_creation_messages(langs)
        self._fami_translate_move_notes(langs)
        return result

    def _fami_translate_move_notes(self, langs):
        """The same for the notes of the moves made while an addon installs: "Check: Submitted → Checked" in an
        Italian chatter becomes "Controlla: Inviata → Controllata" once the workflow's names are translated. Only
        the notes of the superuser (who loads the demo data) change: a person's English notes are theirs."""
        # sudo: the names of the transitions of every workflow, to reword the engine's own notes only
        transitions = self.env["fami.workflow.transition"].sudo().with_context(active_test=False).search(
            [("workflow_id", "!=", False)])
        for lang in langs:
            moved = code_translations.get_python_translations("fami_workflow", lang).get(
                "%(action)s: %(from)s → %(to)s")
            if lang == "en_US" or not moved:
                continue
            changes = []
            for transition in transitions:
                names = {}
                for code in (lang, "en_US"):
                    local = transition.with_context(lang=code)
                    names[code] = moved % {"action": local.name, "from": local.state_from_id.name,
                                           "to": local.state_to_id.name}
                if names[lang] != names["en_US"]:
                    changes.append(SQL("(%s, %s, %s)", transition.workflow_id.model, str(escape(names["en_US"])),
                                       str(escape(names[lang]))))
            if not changes:
                continue
            self.env.flush_all()
            self.env.cr.execute(SQL(
                """UPDATE mail_message message SET body = replace(message.body, change.old, change.new)
                     FROM (VALUES %s) AS change(model, old, new)
                    WHERE message.model = change.model AND message.author_id = %s
                      AND (message.body = change.old OR message.body LIKE change.old || %s
                           OR message.body LIKE '<p>' || change.old || %s)""",
                SQL(", ").join(changes), self.env.ref("base.partner_root").id, "<%", "<%"))
            self.env["mail.message"].invalidate_model(["body"])

    def _fami_translate_creation_messages(self, langs):
        """Records made while their addon installs (demo data) are logged "<model> created" before the names of the
        addon's models are translated: "FAMI course creato". Once they are, the suite's creation lines say
        "Corso FAMI creato" ("Riga analitica creato" for mediation hours). Only lines worded exactly so change (one
        query per language)."""
        # the suite's models and the Odoo models it governs (mediation hours are analytic lines)
        governed = list(self.env.registry.descendants(["fami.workflow.mixin"], "_inherit"))
        # sudo: the names of those models, in each language, to reword their creation lines only
        suite_models = self.env["ir.model"].sudo().search(
            ["|", ("model", "=like", "fami.%"), ("model", "in", governed)])
        for lang in langs:
            created = code_translations.get_python_translations("mail", lang).get("%s created")
            if lang == "en_US" or not created:
                continue
            changes = []
            for model in suite_models:
                english, translated = model.with_context(lang="en_US").name, model.with_context(lang=lang).name
                if english != translated:
                    changes.append(SQL("(%s, %s, %s)", model.model, str(escape(created % english)),
                                       str(escape(created % translated))))
            if not changes:
                continue
            self.env.flush_all()
            self.env.cr.execute(SQL(
                """UPDATE mail_message message SET body = replace(message.body, change.old, change.new)
                     FROM (VALUES %s) AS change(model, old, new)
                    WHERE message.model = change.model
                      AND message.body IN (change.old, '<p>' || change.old || '</p>',
                                           '<div summary="o_mail_notification"><p>' || change.old || '</p></div>')""",
                SQL(", ").join(changes)))
            self.env["mail.message"].invalidate_model(["body"])
