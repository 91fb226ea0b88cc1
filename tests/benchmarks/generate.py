#!/usr/bin/env python3
"""Fill a database with a reproducible (seeded) five-year regional programme, through the ORM in batches.

    python3 tests/benchmarks/generate.py -d fami_bench            # scale 1 (about a quarter of an hour)
    python3 tests/benchmarks/generate.py -d fami_bench --scale 0.01

Scale 1 = 5 projects, 40 organisations, 20,000 beneficiaries, 2,000 courses with 40,000 sessions (three registers in
four approved) and 400,000 attendance lines, 250,000 timesheet lines, 30,000 expenses, 200 events, 60,000 service
accesses; a budget per project and the monthly staff costs of the approved hours.
"""
import base64
import random
import time
from datetime import date, datetime, timedelta

from benchenv import arguments, environment  # first: it enters the project's environment

from bulk import create_like

from dateutil.relativedelta import relativedelta

DEFAULT = {"projects": 5, "organisations": 40, "beneficiaries": 20000, "courses": 2000, "sessions": 40000,
           "attendance": 400000, "timesheets": 250000, "expenses": 30000, "events": 200, "accesses": 60000}
BATCH = 2000
MODE = "bulk"  # or "orm": every record through the ORM (hours at scale 1); set by --mode
CLONED = {}  # {model: records cloned in SQL} of the last bulk generation
COUNTRIES = ["ma", "al", "ng", "pk", "bd", "ua", "tn", "sn", "eg", "in", "cn", "pe", "ec", "gh", "af"]


PHASES = {}


def phase(name):
    """Print and keep the seconds since the previous phase ended."""
    now = time.monotonic()
    PHASES[name] = now - PHASES.setdefault("_last", now)
    PHASES["_last"] = now
    print(f"  {name:28} {PHASES[name]:8.1f} s", flush=True)


def batched(model, values, size=BATCH):
    records = model.browse()
    for start in range(0, len(values), size):
        records |= model.create(values[start:start + size])
        model.env.flush_all()
        model.env.invalidate_all()
    return records


def approve(records, codes, size=BATCH):
    """Move records along their workflow as a manager would (engine path, not SQL), `size` records at a time."""
    for start in range(0, len(records), size):
        for code in codes:
            records[start:start + size].workflow_fire(code)
        records.env.flush_all()
        records.env.invalidate_all()


def make(model, values, moves=(), shape=(), size=BATCH):
    """Create records of `values` and move the first len(moves[i][0]) of them... : `moves` is a list of
    (count, codes), the next `count` records moved along `codes` (the rest stay where they were created).

    Through the ORM (MODE "orm") every record is created and moved by the ORM. In bulk (MODE "bulk") one record
    per shape (its values of the fields in `shape`, and its moves) is, and the others are cloned from it in SQL
    (see bulk.py): `shape` names the fields that create-time logic derives other values from."""
    codes_of = [codes for count, codes in moves for _i in range(count)]
    codes_of += [()] * (len(values) - len(codes_of))
    if MODE == "orm":
        records = batched(model, values, size)
        start = 0
        for count, codes in moves:
            approve(records[start:start + count], codes)
            start += count
        return records
    keys = [(tuple(vals.get(name) for name in shape), codes) for vals, codes in zip(values, codes_of)]
    first = {}
    for index, key in enumerate(keys):
        first.setdefault(key, index)
    chosen = sorted(first.values())
    prototypes = batched(model, [values[index] for index in chosen], size)
    prototype_of = dict(zip(chosen, prototypes.ids))
    for codes in {codes for codes in codes_of if codes}:
        approve(model.browse([prototype_of[index] for index in chosen if codes_of[index] == codes]), codes)
    others = [index for index in range(len(values)) if index not in prototype_of]
    clones = create_like(model, [prototype_of[first[keys[index]]] for index in others],
                         [{name: value for name, value in values[index].items() if name not in shape}
                          for index in others])
    CLONED[model._name] = CLONED.get(model._name, 0) + len(clones)
    record_of = dict(prototype_of)
    record_of.update(zip(others, clones.ids))
    return model.browse([record_of[index] for index in range(len(values))])


def generate(env, scale, seed):
    rng = random.Random(seed)
    CLONED.clear()
    phase("start")
    counts = {name: max(1, int(value * scale)) for name, value in DEFAULT.items()}
    counts["projects"] = max(1, min(DEFAULT["projects"], counts["projects"]))
    template = env.ref("fami_partners.umbria2_template")
    projects = env["fami.project"]
    for index in range(counts["projects"]):
        wizard = env["fami.project.template.wizard"].create({
            "template_id": template.id, "name": f"Bench project {index + 1}", "code": f"PROG-{9000 + index}",
            "date_start": date(2025, 1, 1), "date_end": date(2029, 12, 31)})
        projects |= wizard.create_project()
    phase("projects")
    organisations = batched(env["res.partner"], [{"name": f"Bench organisation {i}", "is_company": True}
                                                 for i in range(counts["organisations"])])
    env["fami.project.partner"].create([{"project_id": project.id, "partner_id": org.id, "role": "partner"}
                                        for project in projects for org in organisations])
    phase("organisations")
    countries = [env.ref(f"base.{code}").id for code in COUNTRIES]
    people = batched(env["fami.beneficiary"], [{
        "gender": rng.choice(["female", "male", "non_binary"]), "country_id": rng.choice(countries),
        "birth_date": date(1960, 1, 1) + timedelta(days=rng.randrange(17000)),
        "project_id": rng.choice(projects).id, "organisation_id": rng.choice(organisations).id,
        "privacy_notice_date": date(2025, 2, 1)} for _i in range(counts["beneficiaries"])])
    phase("beneficiaries")
    trainers = env["res.users"].create([{"name": f"Bench trainer {i}", "login": f"bench_trainer_{i}"}
                                        for i in range(max(2, counts["courses"] // 20))])
    courses = batched(env["fami.course"], [{
        "name": f"Bench course {i}", "kind": "operators" if i % 3 else "italian",
        "project_id": rng.choice(projects).id, "organisation_id": rng.choice(organisations).id,
        "trainer_ids": [(6, 0, [trainers[i % len(trainers)].id])]} for i in range(counts["courses"])])
    phase("courses")
    operators = batched(env["res.partner"], [{"name": f"Bench operator {i}"} for i in range(200)])
    per_course = max(1, counts["attendance"] // max(1, counts["sessions"]))
    enrolments = []
    operator_ids, people_ids = operators.ids, people.ids
    for course in courses:
        if course.kind == "operators":
            enrolments += [{"course_id": course.id, "partner_id": partner}
                           for partner in rng.sample(operator_ids, per_course)]
        else:
            enrolments += [{"course_id": course.id, "beneficiary_id": person}
                           for person in rng.sample(people_ids, per_course)]
    batched(env["fami.course.enrolment"], enrolments)
    phase("enrolments")
    sessions_per_course = max(1, counts["sessions"] // counts["courses"])
    session_values = []
    for index, course in enumerate(courses):
        # a trainer's courses follow one another (41 days apart, a course lasting 40): nobody is booked twice
        first = datetime(2025, 2, 3, 8) + timedelta(days=index // len(trainers) * 41 + index % len(trainers) % 7)
        for number in range(sessions_per_course):
            start = first + timedelta(days=number * 2, hours=(index % 5) * 2)
            session_values.append({"course_id": course.id, "start": start, "stop": start + timedelta(hours=2),
                                   "trainer_id": course.trainer_ids[:1].id})
    sessions = make(env["fami.course.session"], session_values, shape=("course_id", "trainer_id"), size=500)
    phase("sessions")
    attendance = [{"session_id": session.id, "enrolment_id": enrolment.id,
                   "status": "present" if rng.random() < 0.85 else "absent"}
                  for session in sessions for enrolment in session.course_id.enrolment_ids]
    make(env["fami.attendance"], attendance, size=5000)
    phase("attendance")
    # three registers in four sent and approved once their attendance is taken (the fourth left a draft), through the
    # engine like the timesheets; without the approvers' activities, which Odoo notifies one by one (half an hour at
    # scale 1): the approved registers keep their workflow log and chatter notes
    registers = sessions.with_context(mail_activity_automation_skip=True)
    approve(registers.browse([session for index, session in enumerate(registers.ids) if index % 4 != 3]),
            ["submit", "approve"])
    phase("registers approved")
    employees = env["hr.employee"].create([{"name": f"Bench mediator {i}"} for i in range(50)])
    timesheet_projects = {project.id: project._get_timesheet_project().id for project in projects}
    # each mediator's k-th line: day k // 3 from 2025-01-01, in one of three slots of the day (6 hours a day at most,
    # never overlapping); three lines in four approved, spread over the years (1,642 approved hours a year at scale
    # 1, within the 1,720 of a full-time person)
    lines, pending = [], []
    for index in range(counts["timesheets"]):
        project = rng.choice(projects)
        number = index // 50
        start = 8 + number % 3 * 2.5
        values = {"name": "Mediazione", "fami_is_mediation": True, "fami_project_id": project.id,
                  "project_id": timesheet_projects[project.id], "employee_id": employees[index % 50].id,
                  "date": date(2025, 1, 1) + timedelta(days=number // 3), "unit_amount": 2.0,
                  "fami_time_start": start, "fami_time_end": start + 2, "fami_service_kind": "usl"}
        (pending if number % 4 == 3 else lines).append(values)
    approved = len(lines)
    lines += pending
    make(env["account.analytic.line"], lines, [(approved, ("submit", "approve"))],
         shape=("fami_project_id", "project_id", "employee_id"), size=5000)
    phase("timesheets")
    events = batched(env["fami.event"], [{
        "name": f"Bench event {i}", "project_id": rng.choice(projects).id,
        "date_start": datetime(2025, 3, 1) + timedelta(days=i * 7), "date_stop": datetime(2025, 3, 1, 4) +
        timedelta(days=i * 7), "participants_italian": rng.randrange(30), "participants_cpt": rng.randrange(60)}
        for i in range(counts["events"])])
    approve(events, ["submit", "approve"])
    phase("events")
    services = env["fami.service"].create([{"name": f"Bench OSS {i}", "kind": "oss" if i % 3 else "vulnerable",
                                            "project_id": rng.choice(projects).id} for i in range(13)])
    approve(services[:10], ["submit", "approve"])  # the indicators count approved services only
    make(env["fami.service.access"], [{
        "service_id": rng.choice(services).id, "beneficiary_id": rng.choice(people).id,
        "date": date(2025, 1, 1) + timedelta(days=rng.randrange(1800))} for _i in range(counts["accesses"])],
        [(counts["accesses"] // 2, ("submit", "approve"))], shape=("service_id",), size=5000)
    phase("services and accesses")
    generate_costs(env, rng, projects, organisations, employees, counts["expenses"])
    return counts


def generate_costs(env, rng, projects, organisations, employees, count):
    """An approved budget per project (work package × category × 8 partners), expenses in every state with their
    attachments, a rate per mediator, year and project, and the monthly staff costs of the approved hours."""
    categories = env["fami.cost.category"].search([("is_indirect", "=", False)])
    staff_category = categories.filtered("is_staff")[:1]
    partners = organisations[:8]
    budgets = env["fami.budget"].create([{"project_id": project.id} for project in projects])
    lines = batched(env["fami.budget.line"], [{
        "budget_id": budget.id, "action_id": action.id, "organisation_id": partner.id, "category_id": category.id,
        "quantity": 1, "unit_cost": rng.randrange(5000, 80000)}
        for budget in budgets for action in budget.project_id.action_ids for category in categories
        for partner in partners])
    approve(budgets, ["approve"])
    phase("budgets")
    supplier = env["res.partner"].create({"name": "Bench supplier", "is_company": True})
    proof = base64.b64encode(b"%PDF-1.4 bench")
    cost_lines = lines.filtered(lambda line: not line.category_id.is_staff)
    chosen = [rng.choice(cost_lines) for _i in range(count)]
    make(env["fami.expense"], [{
        "project_id": line.project_id.id, "organisation_id": line.organisation_id.id, "budget_line_id": line.id,
        "supplier_id": supplier.id, "document_number": f"B-{index}",
        "document_date": date(2025, 1, 10) + timedelta(days=index * 1800 // count),
        "payment_date": date(2025, 1, 20) + timedelta(days=index * 1800 // count),
        "taxable_amount": rng.randrange(50, 5000), "vat_amount": 0, "document_file": proof, "payment_proof": proof}
        for index, line in enumerate(chosen)],
        [(count * 3 // 4, ("submit", "check", "approve")), (count * 7 // 8 - count * 3 // 4, ("submit",))],
        shape=("document_file", "payment_proof", "supplier_id"), size=1000)
    phase("expenses moved")
    staff_lines = {project: lines.filtered(lambda line, p=project: line.project_id == p
                                            and line.category_id == staff_category)[:1] for project in projects}
    env["fami.staff.rate"].create([{
        "employee_id": employee.id, "year": year, "annual_cost": rng.randrange(28000, 45000),
        "budget_line_id": staff_lines[project].id}
        for employee in employees for year in range(2025, 2030) for project in projects])
    for project in projects:
        month = date(2025, 1, 1)
        while month.year < 2030:
            env["fami.staff.cost"]._generate(project, month, month + relativedelta(months=1, days=-1))
            month += relativedelta(months=1)
        env.flush_all()
        env.invalidate_all()
    phase("staff costs")


def main():
    global MODE  # noqa: PLW0603 - the command line chooses how generate() creates the bulk tables
    args = arguments(__doc__, scale=(1.0, "fraction of the default scale"), seed=(20231, "random seed"),
                     mode=("bulk", "bulk: prototypes through the ORM, clones in SQL; orm: everything through it"))
    MODE = args.mode
    started = time.monotonic()
    with environment(args.database, install=True) as env:
        counts = generate(env, args.scale, args.seed)
        env.cr.commit()
    print(f"generated in {time.monotonic() - started:.1f} s on database {args.database!r}:")
    for name, count in counts.items():
        print(f"  {name:14} {count:>9,}")


if __name__ == "__main__":
    main()
