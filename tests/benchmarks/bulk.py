"""Bulk creation that leaves the database as the ORM would: prototypes through the ORM, clones through SQL.

For each distinct *shape* (the values that create-time logic and workflow moves consume, and the workflow moves
themselves) one record is created and moved through the ORM, with everything the engine writes beside it
(workflow log, chatter notes, activities and their followers, attachments). Every other record of that shape is a
SQL copy of its prototype with its own values, and so is everything beside the prototype (rows that point to it by
model and res_id, and rows that point to those by foreign key), with the prototype's display name replaced by the
clone's in the copied texts. Then the ORM computes what it stores: every stored computed field of the clones, and
everything that depends on them (as `create` marks it), in batches.

tests/integration/test_benchmark_generator.py generates a small programme both ways and compares the databases.
"""
from psycopg2.extras import execute_values

from odoo.tools import SQL

ident = SQL.identifier


def column_list(names, alias=None):
    """`"a", "b"` (or `s."a", s."b"` with an alias) of column names."""
    return SQL(", ").join(ident(alias, name) if alias else ident(name) for name in names)

CHUNK = 20000
# rows that point to a record by model name and id: (table, model column, id column)
BESIDE = [("fami_workflow_log", "res_model", "res_id"), ("fami_workflow_approval", "res_model", "res_id"),
          ("mail_message", "model", "res_id"), ("mail_activity", "res_model", "res_id"),
          ("mail_followers", "res_model", "res_id"), ("ir_attachment", "res_model", "res_id")]
# foreign keys that are references, not ownership: not followed when copying (the copies keep them)
NOT_OWNED = {("mail_message", "parent_id"), ("mail_notification", "mail_mail_id"),
             ("fami_course_session", "calendar_event_id")}
# many2ones to a record that belongs to its holder alone (a session's calendar event): copied for each clone
# (with everything beside it), the copy pointing back to the clone by its second column
OWNED_MANY2ONE = {"fami.course.session": [("calendar_event_id", "fami_session_id")]}
# ...and set afterwards on the copies, to the copy of what they pointed to (reached through another owner)
RELINK = {"mail_notification": """
    UPDATE mail_notification n SET mail_mail_id = m.id FROM mail_mail m
     WHERE n.id = ANY(%(ids)s) AND n.mail_mail_id IS NOT NULL AND m.mail_message_id = n.mail_message_id""",
          # an invitation's token is the attendee's own
          "calendar_attendee": "UPDATE calendar_attendee SET access_token = md5(random()::text || id) "
                               "WHERE id = ANY(%(ids)s) AND access_token IS NOT NULL"}


def columns(cr, table):
    """{column: type} of `table`."""
    cr.execute("SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = %s "
               "AND table_schema = current_schema() ORDER BY ordinal_position", [table])
    return dict(cr.fetchall())


def referencing(cr, table):
    """[(table, column)] of the single-column foreign keys pointing to `table`."""
    cr.execute("""
        SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.confrelid = %s::regclass AND array_length(c.conkey, 1) = 1""", [table])
    return [(name.strip('"'), column) for name, column in cr.fetchall()]


def copy_beside(cr, model_name, mapping):
    """Copy what points to the prototypes (by model and res_id, then by foreign key, recursively) for the clones.
    Returns {table: {old id: new id}} of the copied rows."""
    copied = {}
    for table, model_column, id_column in BESIDE:
        types = columns(cr, table)
        if not types:
            continue
        cr.execute(SQL("SELECT id, %s FROM %s WHERE %s = %s AND %s = ANY(%s)", ident(id_column), ident(table),
                       ident(model_column), model_name, ident(id_column), list(mapping_sources(mapping))))
        rows = cr.fetchall()
        pairs = [(row_id, clone) for row_id, proto in rows for clone in mapping_sources(mapping)[proto]]
        if pairs:
            _copy_tree(cr, table, pairs, id_column, copied)
    return copied


def mapping_sources(mapping):
    """{prototype id: [clone ids]} from a list of (prototype, clone) pairs."""
    if isinstance(mapping, dict):
        return mapping
    grouped = {}
    for proto, clone in mapping:
        grouped.setdefault(proto, []).append(clone)
    return grouped


def _copy_tree(cr, table, pairs, owner_column, copied=None):
    """Copy rows pairs[i][0] of `table` (a row may be copied several times), `owner_column` set to the second item
    of each pair (what the copy belongs to), then their dependents by foreign key. `copied` (first level only)
    collects (source row, new row, owner)."""
    types = columns(cr, table)
    sources = [old for old, _owner in pairs]
    cr.execute(SQL("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", table,
                   len(sources)))
    new_ids = [row[0] for row in cr.fetchall()]
    names = [name for name in types if name not in ("id", owner_column)]
    cr.execute("DROP TABLE IF EXISTS fami_bulk_tree")
    cr.execute("CREATE TEMP TABLE fami_bulk_tree (old_id integer, new_id integer, owner integer)")
    execute_values(cr._obj, "INSERT INTO fami_bulk_tree VALUES %s",
                   [(old, new, owner) for (old, owner), new in zip(pairs, new_ids)], page_size=10000)
    cr.execute(SQL("INSERT INTO %s (id, %s, %s) SELECT t.new_id, t.owner, %s FROM fami_bulk_tree t "
                   "JOIN %s s ON s.id = t.old_id", ident(table), ident(owner_column), column_list(names),
                   column_list(names, "s"), ident(table)))
    if table in RELINK:
        cr.execute(SQL(RELINK[table], ids=new_ids))
    if copied is not None:
        copied.setdefault(table, []).extend(zip(sources, new_ids, [owner for _old, owner in pairs]))
    for child, column in referencing(cr, table):
        if (child, column) in NOT_OWNED or child == table:
            continue
        child_types = columns(cr, child)
        cr.execute(SQL("SELECT %s, %s FROM %s WHERE %s = ANY(%s)", SQL("id" if "id" in child_types else "NULL"),
                       ident(column), ident(child), ident(column), sources))
        rows = cr.fetchall()
        if not rows:
            continue
        new_of = {}
        for old, new in zip(sources, new_ids):
            new_of.setdefault(old, []).append(new)
        if "id" in child_types:
            _copy_tree(cr, child, [(row_id, new) for row_id, parent in rows for new in new_of[parent]],
                       column)
        else:  # a many2many relation: the same links for the copy
            others = [name for name in child_types if name != column]
            cr.execute(SQL("SELECT %s FROM %s WHERE %s = ANY(%s)", column_list([column, *others]), ident(child),
                           ident(column), sources))
            links = [(new, *rest) for parent, *rest in cr.fetchall() for new in new_of[parent]]
            # execute_values fills the VALUES placeholder itself: the statement around it has no parameter
            insert = SQL("INSERT INTO %s (%s) VALUES ", ident(child), column_list([column, *others])).code
            execute_values(cr._obj, insert + "%s ON CONFLICT DO NOTHING", links, page_size=10000)


def create_like(model, prototypes_of, overrides):
    """Clones of prototypes: `prototypes_of` and `overrides` are parallel lists (a prototype record id, the values
    of the clone). Returns the clones."""
    env = model.env
    cr = env.cr
    clones = model.browse()
    for start in range(0, len(overrides), CHUNK):
        env.flush_all()
        chunk_protos = prototypes_of[start:start + CHUNK]
        chunk_values = overrides[start:start + CHUNK]
        clones |= _clone_chunk(model, chunk_protos, chunk_values)
        env.flush_all()
        env.invalidate_all()
    cr.execute("DROP TABLE IF EXISTS fami_bulk_pairs, fami_bulk_tree, fami_bulk_values")
    return clones


def _clone_chunk(model, protos, values_list):
    env = model.env
    cr = env.cr
    table = model._table
    types = columns(cr, table)
    given = [name for name in values_list[0] if name in types]
    cr.execute(SQL("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", table,
                   len(protos)))
    new_ids = [row[0] for row in cr.fetchall()]
    now = cr.now()
    cr.execute("DROP TABLE IF EXISTS fami_bulk_values")
    cr.execute(SQL("CREATE TEMP TABLE fami_bulk_values (proto integer, new_id integer, %s)",
                   SQL(", ").join(SQL("%s %s", ident(name), ident(types[name])) for name in given)))
    execute_values(cr._obj, "INSERT INTO fami_bulk_values VALUES %s",
                   [(proto, new, *(values[name] for name in given)) for proto, new, values
                    in zip(protos, new_ids, values_list)], page_size=10000)
    kept = [name for name in types if name not in ("id", "create_date", "write_date", *given)]
    copied_values = SQL(", ").join([column_list(given, "v"), *([column_list(kept, "s")] if kept else [])])
    cr.execute(SQL("INSERT INTO %s (id, create_date, write_date, %s) SELECT v.new_id, %s, %s, %s "
                   "FROM fami_bulk_values v JOIN %s s ON s.id = v.proto", ident(table), column_list(given + kept),
                   now, now, copied_values, ident(table)))
    # many2many links of the prototype the values do not give
    for field in model._fields.values():
        if field.type == "many2many" and field.store and field.name not in values_list[0]:
            cr.execute(SQL("INSERT INTO %s (%s, %s) SELECT v.new_id, %s FROM fami_bulk_values v "
                           "JOIN %s r ON %s = v.proto ON CONFLICT DO NOTHING", ident(field.relation),
                           ident(field.column1), ident(field.column2), ident("r", field.column2),
                           ident(field.relation), ident("r", field.column1)))
    pairs = list(zip(protos, new_ids))
    copied = copy_beside(cr, model._name, mapping_sources(pairs))
    owned = []
    for column, back in OWNED_MANY2ONE.get(model._name, []):
        owned.append(_copy_owned(model, column, back, copied))
    env.invalidate_all()  # what the cache holds (e.g. a budget line's expenses) does not know the clones
    clones = model.browse(new_ids)
    # what the ORM stores: the clones' own computed fields, then everything that depends on them
    for field in model._fields.values():
        if field.store and field.compute and field.name not in values_list[0]:
            env.add_to_compute(field, clones)
    clones.modified([name for name, field in model._fields.items() if field.store], create=True)
    for target, records in owned:
        for field in target._fields.values():
            if field.store and field.compute:
                env.add_to_compute(field, records)
    env.flush_all()
    _rename(model, pairs, copied)
    return clones


def _copy_owned(model, column, back, copied):
    """Copy the record each prototype's `column` points to for its clones (and what lies beside it); the copy's
    `back` column names the clone, and takes the clone's times. Returns (model, copies)."""
    env = model.env
    cr = env.cr
    target = env[model._fields[column].comodel_name]
    cr.execute(SQL("SELECT %s, v.new_id FROM fami_bulk_values v JOIN %s s ON s.id = v.proto WHERE %s IS NOT NULL",
                   ident("s", column), ident(model._table), ident("s", column)))
    pairs = cr.fetchall()
    if not pairs:
        return target, target.browse()
    mine = {}
    _copy_tree(cr, target._table, pairs, back, mine)
    rows = mine[target._table]
    copied.setdefault(target._table, []).extend(rows)
    cr.execute("DROP TABLE IF EXISTS fami_bulk_owned")
    cr.execute("CREATE TEMP TABLE fami_bulk_owned (new_id integer, owner integer)")
    execute_values(cr._obj, "INSERT INTO fami_bulk_owned VALUES %s", [(new, owner) for _old, new, owner in rows],
                   page_size=10000)
    cr.execute(SQL("UPDATE %s h SET %s = o.new_id FROM fami_bulk_owned o WHERE h.id = o.owner",
                   ident(model._table), ident(column)))
    shared = [name for name in ("start", "stop") if name in model._fields and name in target._fields]
    if shared:
        cr.execute(SQL("UPDATE %s t SET %s FROM fami_bulk_owned o JOIN %s h ON h.id = o.owner WHERE t.id = o.new_id",
                       ident(target._table),
                       SQL(", ").join(SQL("%s = %s", ident(name), ident("h", name)) for name in shared),
                       ident(model._table)))
    beside = copy_beside(cr, target._name, mapping_sources([(old, new) for old, new, _owner in rows]))
    for table, beside_rows in beside.items():
        copied.setdefault(table, [])  # renamed with the clone's name below, through their owner's owner
        owner_of = {new: owner for _old, new, owner in rows}
        copied[table].extend((old, new, owner_of[owner]) for old, new, owner in beside_rows)
    return target, target.browse([new for _old, new, _owner in rows])


def _rename(model, pairs, copied):
    """The texts copied beside a prototype name the prototype (record_name, activity summaries): name the clone."""
    env = model.env
    cr = env.cr
    ids = {proto for proto, _new in pairs} | {new for _proto, new in pairs}
    names = {record.id: record.display_name for record in model.browse(ids).with_context(prefetch_fields=False)}
    for table, rows in copied.items():
        types = columns(cr, table)
        texts = [name for name, kind in types.items() if kind in ("varchar", "text")]
        if not texts:
            continue
        changes = [(new, names[proto], names[owner]) for proto, new, owner in _owners(rows, pairs)
                   if names[proto] and names[proto] != names[owner]]
        if not changes:
            continue
        cr.execute("DROP TABLE IF EXISTS fami_bulk_names")
        cr.execute("CREATE TEMP TABLE fami_bulk_names (row_id integer, old_name varchar, new_name varchar)")
        execute_values(cr._obj, "INSERT INTO fami_bulk_names VALUES %s", changes, page_size=10000)
        for text in texts:
            cr.execute(SQL("UPDATE %s t SET %s = replace(%s, n.old_name, n.new_name) FROM fami_bulk_names n "
                           "WHERE t.id = n.row_id AND strpos(%s, n.old_name) > 0", ident(table), ident(text),
                           ident("t", text), ident("t", text)))
    cr.execute("DROP TABLE IF EXISTS fami_bulk_names")
    env.invalidate_all()


def _owners(rows, pairs):
    """(prototype, new row, clone) for rows copied directly beside a record (their owner is a clone id)."""
    proto_of = {new: proto for proto, new in pairs}
    for _old, new, owner in rows:
        if owner in proto_of:
            yield proto_of[owner], new, owner
