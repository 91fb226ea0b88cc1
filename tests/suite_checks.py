"""Static consistency checks of Odoo addons, without Odoo.

Each `check_*` function takes the folder holding the addons and returns a list of problems, one readable sentence
each; an empty list means the check passed. Tier-1 tests run them on the suite and on broken fixture addons.
"""
import ast
import csv
import re
from pathlib import Path

from lxml import etree

VERSION_FORMAT = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
LICENSES = {"LGPL-3", "AGPL-3"}
# Folders of an addon whose files are not loaded through the manifest's data/demo lists.
UNLISTED_FOLDERS = {"static", "tests", "i18n", "readme", "lib", "migrations"}
FIELD_TYPES = {
    "Binary", "Boolean", "Char", "Date", "Datetime", "Float", "Html", "Id", "Image", "Integer", "Json",
    "Many2many", "Many2one", "Many2oneReference", "Monetary", "One2many", "Properties", "PropertiesDefinition",
    "Reference", "Selection", "Text",
}
MAGIC_FIELDS = {"id", "display_name", "create_date", "create_uid", "write_date", "write_uid"}
# Fields that Odoo's mixins add, so that views of models inheriting them can be checked without Odoo.
KNOWN_MIXIN_FIELDS = {
    "mail.thread": {
        "has_message", "message_attachment_count", "message_follower_ids", "message_has_error",
        "message_has_error_counter", "message_ids", "message_is_follower", "message_needaction",
        "message_needaction_counter", "message_partner_ids",
    },
    "mail.activity.mixin": {
        "activity_date_deadline", "activity_exception_decoration", "activity_exception_icon", "activity_ids",
        "activity_state", "activity_summary", "activity_type_icon", "activity_type_id", "activity_user_id",
        "my_activity_date_deadline", "activity_calendar_event_id",
    },
    "mail.thread.main.attachment": {"message_main_attachment_id"},
}
VIEW_CONTAINERS = {"list", "tree", "form", "kanban", "calendar", "pivot", "graph", "search", "activity", "gantt"}


def addon_dirs(root):
    return sorted(path.parent for path in Path(root).glob("*/__manifest__.py"))


def read_manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- manifests

def check_manifests(root, chain=None):
    """Manifests parse, carry the suite's metadata, list existing files, and every data file is listed."""
    problems = []
    for addon in addon_dirs(root):
        try:
            manifest = read_manifest(addon)
        except (SyntaxError, ValueError) as error:
            problems.append(f"{addon.name}: __manifest__.py does not parse ({error})")
            continue
        if not VERSION_FORMAT.match(str(manifest.get("version", ""))):
            problems.append(f"{addon.name}: version {manifest.get('version')!r} is not of the form 18.0.x.y.z")
        if manifest.get("license") not in LICENSES:
            problems.append(f"{addon.name}: license {manifest.get('license')!r} is not LGPL-3 or AGPL-3")
        if manifest.get("category") != "FAMI":
            problems.append(f"{addon.name}: category {manifest.get('category')!r} is not 'FAMI'")
        if "depends" not in manifest:
            problems.append(f"{addon.name}: no explicit depends")
        listed = set()
        for key in ("data", "demo"):
            for name in manifest.get(key, []):
                listed.add(name)
                if not (addon / name).is_file():
                    problems.append(f"{addon.name}: {key} file {name} does not exist")
        for path in sorted(addon.rglob("*")):
            relative = path.relative_to(addon)
            if path.suffix in (".xml", ".csv") and relative.parts[0] not in UNLISTED_FOLDERS \
                    and str(relative) not in listed:
                problems.append(f"{addon.name}: {relative} is not listed in the manifest's data or demo")
    for previous, addon in zip(chain or [], (chain or [])[1:]):
        manifest_path = Path(root) / addon / "__manifest__.py"
        if manifest_path.exists() and previous not in read_manifest(manifest_path.parent).get("depends", []):
            problems.append(f"{addon}: does not depend on {previous}")
    return problems


# ---------------------------------------------------------------- XML

def xml_files(root):
    return sorted(path for addon in addon_dirs(root) for path in addon.rglob("*.xml")
                  if "static" not in path.relative_to(addon).parts)


def check_xml_well_formed(root):
    problems = []
    for path in xml_files(root):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as error:
            problems.append(f"{path.relative_to(root)}: not well-formed XML ({error})")
    return problems


# ---------------------------------------------------------------- models declared in Python

class ModelInfo:
    def __init__(self, name):
        self.name = name
        self.fields = set(MAGIC_FIELDS)
        self.parents = set()
        self.abstract = False
        self.declared = False  # has a _name of its own (not only an extension)
        self.addon = None


def _string_or_list(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [item.value for item in node.elts if isinstance(item, ast.Constant)]
    return []


def collect_models(root):
    """Models and their fields, as the Python files of the addons declare them."""
    models = {}
    for addon in addon_dirs(root):
        for path in sorted(addon.rglob("*.py")):
            if "tests" in path.relative_to(addon).parts:
                continue
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except SyntaxError:
                continue
            for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
                _collect_class(cls, addon.name, models)
    return models


def _collect_class(cls, addon_name, models):
    attributes = {target.id: statement.value for statement in cls.body if isinstance(statement, ast.Assign)
                  for target in statement.targets if isinstance(target, ast.Name)}
    names = _string_or_list(attributes["_name"]) if "_name" in attributes else []
    inherits = _string_or_list(attributes["_inherit"]) if "_inherit" in attributes else []
    if not names and not inherits:
        return
    name = names[0] if names else inherits[0]
    info = models.setdefault(name, ModelInfo(name))
    if names and names[0] not in inherits:  # `_name` repeated beside `_inherit` extends, it does not declare
        info.declared = True
        info.addon = addon_name
        info.abstract = any(isinstance(base, ast.Attribute) and base.attr == "AbstractModel" for base in cls.bases)
    info.parents.update(parent for parent in inherits if parent != name)
    for field_name, value in attributes.items():
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in FIELD_TYPES:
            info.fields.add(field_name)


def model_fields(models, name, seen=None):
    """All fields of a model, or None when it inherits a model this checker cannot see (an Odoo model)."""
    seen = seen or set()
    if name in seen:
        return set()
    seen.add(name)
    if name in KNOWN_MIXIN_FIELDS:
        return set(KNOWN_MIXIN_FIELDS[name]) | MAGIC_FIELDS
    info = models.get(name)
    if info is None or not info.declared:
        return None
    fields = set(info.fields)
    for parent in info.parents:
        inherited = model_fields(models, parent, seen)
        if inherited is None:
            return None
        fields |= inherited
    return fields


def access_lines(root):
    lines = []
    for path in Path(root).glob("*/security/ir.model.access.csv"):
        with open(path, encoding="utf-8") as handle:
            lines.extend(dict(row, _addon=path.parent.parent.name) for row in csv.DictReader(handle))
    return lines


def check_acl(root):
    """Every concrete model declared by the suite has at least one ACL line."""
    covered = {row.get("model_id:id", "").split(".")[-1] for row in access_lines(root)}
    return [f"{info.addon}: model {info.name} has no line in security/ir.model.access.csv"
            for info in collect_models(root).values()
            if info.declared and not info.abstract and "model_" + info.name.replace(".", "_") not in covered]


# ---------------------------------------------------------------- views, actions, menus

def _xml_ids(root):
    ids = set()
    for path in xml_files(root):
        addon = path.relative_to(root).parts[0]
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError:
            continue
        for element in tree.iter():
            identifier = element.get("id") if isinstance(element.tag, str) else None
            if identifier:
                ids.add(identifier if "." in identifier else f"{addon}.{identifier}")
    return ids


def _arch_field_names(arch):
    """Field names used directly by a view arch, not those of embedded sub-views of x2many fields."""
    names = []

    def walk(element):
        for child in element:
            if not isinstance(child.tag, str) or child.tag == "attribute":
                continue
            if child.tag == "field" and child.get("name"):
                names.append(child.get("name"))
                if child.get("position") is None and any(
                        isinstance(sub.tag, str) and sub.tag in VIEW_CONTAINERS for sub in child):
                    continue  # an embedded sub-view: its fields belong to the comodel
            walk(child)

    walk(arch)
    return names


def check_references(root):
    """Views, actions, menus and data records of the suite's own models name models/fields/ids that exist."""
    models = collect_models(root)
    ids = _xml_ids(root)
    problems = []
    for path in xml_files(root):
        relative = path.relative_to(root)
        addon = relative.parts[0]
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError:
            continue
        for record in tree.iter("record"):
            problems += _check_record(record, models, relative)
        for menu in tree.iter("menuitem"):
            for attribute in ("action", "parent"):
                reference = menu.get(attribute)
                if reference and (reference if "." in reference else f"{addon}.{reference}") not in ids \
                        and ("." not in reference or reference.split(".")[0] in {a.name for a in addon_dirs(root)}):
                    problems.append(f"{relative}: menu {menu.get('id')} names unknown {attribute} {reference}")
    return problems


def _suite_model(models, name):
    return name and name.startswith("fami.") and name in models and models[name].declared


def _check_record(record, models, relative):
    problems = []
    model = record.get("model")
    values = {field.get("name"): field for field in record.findall("field")}
    if model == "ir.ui.view":
        target = values.get("model").text if values.get("model") is not None else None
        arch = values.get("arch")
        if target and target.startswith("fami.") and not _suite_model(models, target):
            problems.append(f"{relative}: view {record.get('id')} is for unknown model {target}")
        elif arch is not None and target:
            known = model_fields(models, target) if _suite_model(models, target) else _extension_fields(models, target)
            if known is not None:
                for name in _arch_field_names(arch):
                    if name not in known:
                        problems.append(f"{relative}: view {record.get('id')} names field {name!r} "
                                        f"that {target} does not declare")
    elif model == "ir.actions.act_window":
        res_model = values.get("res_model").text if values.get("res_model") is not None else None
        if res_model and res_model.startswith("fami.") and not _suite_model(models, res_model):
            problems.append(f"{relative}: action {record.get('id')} opens unknown model {res_model}")
    elif model and model.startswith("fami."):
        if not _suite_model(models, model):
            problems.append(f"{relative}: record {record.get('id')} is of unknown model {model}")
        else:
            known = model_fields(models, model)
            for name in values:
                if known is not None and name not in known:
                    problems.append(f"{relative}: record {record.get('id')} sets field {name!r} "
                                    f"that {model} does not declare")
    return problems


def _extension_fields(models, target):
    """Views of Odoo models extended by the suite cannot be fully checked without Odoo: skip them."""
    return None


def run_all(root, chain=None):
    return (check_manifests(root, chain) + check_xml_well_formed(root) + check_acl(root)
            + check_references(root))
