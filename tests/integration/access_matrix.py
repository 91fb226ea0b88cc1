"""The access matrix of the suite (roles × models × read/create/write/delete/approve), as Odoo actually loads it,
and the Odoo core groups each role ends up with.

`render(env)` builds docs/access-matrix.md from the ACL, record rules and workflow transitions in the database,
by asking Odoo what a user of each role may do, so the document can never disagree with the rules in force.
Regenerate it with:  FAMI_WRITE_ACCESS_MATRIX=1 make test
"""
import re

from odoo import Command
from odoo.tests.common import new_test_user

ROLES = [
    ("User", "fami_partners.group_fami_user"),
    ("Trainer", "fami_partners.group_fami_trainer"),
    ("Mediator", "fami_partners.group_fami_mediator"),
    ("Administrative staff", "fami_partners.group_fami_admin_staff"),
    ("Manager", "fami_partners.group_fami_manager"),
    ("Auditor", "fami_partners.group_fami_auditor"),
    ("Beneficiary personal data", "fami_partners.group_fami_beneficiary_data"),
    ("Workflow designer", "fami_workflow.group_workflow_designer"),
    ("Independent auditor (revisore)", "fami_verification.group_fami_revisore"),
    ("Legal expert (esperto legale)", "fami_verification.group_fami_legal_expert"),
]
OPERATIONS = ["read", "create", "write", "unlink"]
# groups that administer Odoo itself, whatever their category
SYSTEM_ADMINISTRATION = ["base.group_system", "base.group_erp_manager", "base.group_sanitize_override"]


def suite_models(env):
    """Concrete models declared by the suite's addons (not the Odoo models they extend), by name."""
    names = set()
    data = env["ir.model.data"].sudo().search([("model", "=", "ir.model"), ("module", "=like", "fami\\_%")])
    for model in env["ir.model"].sudo().browse(data.mapped("res_id")):
        record_model = env.get(model.model)
        if record_model is not None and not record_model._abstract and not record_model._transient \
                and model.model.startswith("fami."):
            names.add(model.model)
    return sorted(names)


def role_users(env):
    """One user per role, created once per transaction (rendering twice must not create them twice)."""
    users = {}
    for index, (role, group) in enumerate(ROLES):
        login = f"matrix_{index}"
        users[role] = env["res.users"].search([("login", "=", login)]) or new_test_user(
            env, login=login, groups=group, name=f"Matrix {role}")
    return users


def users_as_created_in_settings(env):
    """One user per role created the way Settings > Users creates one: the default user template's groups (the
    defaults of `res.users`) plus the role's group, which brings the groups it implies."""
    users = {}
    defaults = env["res.users"].default_get(["groups_id"]).get("groups_id", [])
    for index, (role, group) in enumerate(ROLES):
        login = f"matrix_settings_{index}"
        users[role] = env["res.users"].search([("login", "=", login)]) or env["res.users"].create({
            "name": f"Matrix {role} (Settings)", "login": login,
            "groups_id": [*defaults, Command.link(env.ref(group).id)]})
    return users


def fami_groups(env):
    return env["res.groups"].sudo().with_context(active_test=False).search(
        [("category_id", "=", env.ref("fami_workflow.module_category_fami").id)])


def core_groups(env, user):
    """The groups of `user` that are not the suite's own (Odoo's core apps: Employees, Project, Timesheets...)."""
    return user.sudo().groups_id - fami_groups(env)


def administrator_groups(env):
    """The core groups that administer an application or Odoo: Settings and Access rights, the top level of each
    application whose groups are levels (Project, Employees, Timesheets ... / Administrator) and any group named
    an administrator (Canned Response Administrator, Dashboard / Admin)."""
    groups = env["res.groups"].sudo().with_context(active_test=False, lang="en_US").search([]) - fami_groups(env)
    found = groups.browse([env.ref(xmlid).id for xmlid in SYSTEM_ADMINISTRATION
                           if env.ref(xmlid, raise_if_not_found=False)])
    for category in groups.category_id.filtered("visible"):
        levels = groups.filtered(lambda group, cat=category: group.category_id == cat)
        found |= levels.filtered(lambda group, lvl=levels: lvl & group.trans_implied_ids
                                 and not lvl.filtered(lambda other: group in other.trans_implied_ids))
    return found | groups.filtered(lambda group: re.search(r"\bAdmin", group.name or ""))


def group_names(groups):
    return ", ".join(sorted(groups.with_context(lang="en_US").mapped("full_name"))) or "—"


def approvals(env, model, user):
    """Codes of the workflow transitions of `model` that `user` may fire (by group or by name)."""
    if "fami.workflow.transition" not in env:
        return []
    transitions = env["fami.workflow.transition"].sudo().search([("workflow_id.model", "=", model)])
    allowed = transitions.filtered(lambda t: (not t.group_ids and not t.user_ids) or (t.group_ids & user.groups_id)
                                   or user in t.user_ids)
    return sorted(set(allowed.mapped("code")))


def rules(env, model, user):
    """Names of the record rules that restrict `user` on `model` (global rules apply to everybody)."""
    found = env["ir.rule"].sudo().search([("model_id.model", "=", model), ("active", "=", True)])
    applying = found.filtered(lambda rule: rule["global"] or rule.groups & user.groups_id)
    return sorted(applying.mapped("name"))


def render(env):
    access = env["ir.model.access"]
    users = role_users(env)
    lines = ["# Access matrix of the FAMI suite", "",
             "Generated from the database by `tests/integration/access_matrix.py` and checked by",
             "`tests/integration/test_access_matrix.py`: it is what Odoo enforces, role by role.",
             "R/C/W/D = read, create, write, delete allowed by the ACL; *approve* lists the workflow transitions",
             "the role may fire; *record rules* restrict which records those rights reach.", "",
             "## Odoo core groups of each role", "",
             "The groups outside FAMI that a user of each role holds when created in Settings > Users (the default",
             "user template plus the groups the role implies). None administers an application.", "",
             "| role | core groups |", "| --- | --- |"]
    for role, user in users_as_created_in_settings(env).items():
        lines.append(f"| {role} | {group_names(core_groups(env, user))} |")
    lines.append("")
    for model in suite_models(env):
        description = env["ir.model"]._get(model).name
        lines += [f"## {model} — {description}", "",
                  "| role | R | C | W | D | approve | record rules |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for role, user in users.items():
            rights = ["✔" if access.with_user(user).check(model, operation, raise_exception=False) else "—"
                      for operation in OPERATIONS]
            lines.append(f"| {role} | {' | '.join(rights)} | {', '.join(approvals(env, model, user)) or '—'} "
                         f"| {'; '.join(rules(env, model, user)) or '—'} |")
        lines.append("")
    return "\n".join(lines)
