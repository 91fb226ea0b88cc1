"""The simulated users of load.py (run by locust in its own environment: no Odoo here, JSON-RPC only).

Trainers take attendance on their sessions, mediators log hours and send them, administrative staff enter expenses
and send them (and check those their colleagues sent), managers approve batches of what others sent, an auditor
exports the claim workbook. What each wrote is kept and written to FAMI_LOAD_RESULTS when the run ends, for
load.py to check against the database.
"""
import base64
import itertools
import json
import os
import random
import threading
import uuid
from datetime import date, timedelta

from locust import HttpUser, between, events, task

CONFIG = json.loads(open(os.environ["FAMI_LOAD_CONFIG"], encoding="utf-8").read())
DATABASE = CONFIG["database"]
PROOF = base64.b64encode(b"%PDF-1.4 load test").decode()
RESULTS = {"timesheets": [], "expenses": [], "attendance": {}, "approved": {}, "conflicts": 0, "errors": []}
LOCK = threading.Lock()
ACCOUNTS = {role: itertools.cycle(CONFIG["accounts"][role]) for role in CONFIG["accounts"]}
# refusals a user sees when somebody else moved the same records first: the engine's answer, not a failure
CONFLICTS = ("somebody may have moved it", "is being moved by another user right now", "is not available for")


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    role = None

    def on_start(self):
        with LOCK:
            self.account = next(ACCOUNTS[self.role])
        self.login, self.password = self.account["login"], self.account["login"]
        self.uid = self.rpc("login", "common", "login", [DATABASE, self.login, self.password])

    def rpc(self, name, service, method, args, conflict_ok=False):
        payload = {"jsonrpc": "2.0", "method": "call", "id": random.randrange(10**9),
                   "params": {"service": service, "method": method, "args": args}}
        with self.client.post("/jsonrpc", json=payload, name=name, catch_response=True) as response:
            try:
                data = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}")
                return None
            if "error" in data:
                message = data["error"].get("data", {}).get("message") or data["error"].get("message", "")
                if conflict_ok and any(text in message for text in CONFLICTS):
                    with LOCK:
                        RESULTS["conflicts"] += 1
                    response.success()
                    return None
                with LOCK:
                    RESULTS["errors"].append(f"{name}: {message[:300]}")
                response.failure(message[:200])
                return None
            return data.get("result")  # absent when the method returned nothing

    def call(self, name, model, method, args, kwargs=None, conflict_ok=False):
        return self.rpc(name, "object", "execute_kw",
                        [DATABASE, self.uid, self.password, model, method, args, kwargs or {}], conflict_ok)


class Trainer(OdooUser):
    role = "trainer"
    fixed_count = CONFIG["counts"]["trainer"]

    @task
    def take_attendance(self):
        session = random.choice(self.account["sessions"])
        lines = self.call("trainer: open a register", "fami.attendance", "search_read",
                          [[("session_id", "=", session)]], {"fields": ["status"]})
        if not lines:
            return
        marks = {line["id"]: random.choice(["present", "absent"]) for line in lines}
        for status in ("present", "absent"):
            ids = [line_id for line_id, mark in marks.items() if mark == status]
            if ids and self.call("trainer: take attendance", "fami.attendance", f"action_mark_{status}",
                                 [ids]) is not False:
                with LOCK:
                    RESULTS["attendance"].update(dict.fromkeys(map(str, ids), status))


class Mediator(OdooUser):
    role = "mediator"
    fixed_count = CONFIG["counts"]["mediator"]

    def on_start(self):
        super().on_start()
        self.days = itertools.count()

    @task
    def log_hours(self):
        day = date.fromisoformat(self.account["first_day"]) + timedelta(days=next(self.days))
        name = f"load-{uuid.uuid4().hex}"
        line = self.call("mediator: log hours", "account.analytic.line", "create", [{
            "name": name, "fami_is_mediation": True, "fami_project_id": self.account["project"],
            "project_id": self.account["timesheet_project"], "employee_id": self.account["employee"],
            "date": day.isoformat(), "unit_amount": 2.0, "fami_time_start": 9.0, "fami_time_end": 11.0,
            "fami_service_kind": "usl"}])
        if line:
            with LOCK:
                RESULTS["timesheets"].append(line)
            self.call("mediator: send hours", "account.analytic.line", "workflow_fire", [[line], "submit"])


class Staff(OdooUser):
    role = "staff"
    fixed_count = CONFIG["counts"]["staff"]

    @task(3)
    def enter_expense(self):
        expense = self.call("staff: enter an expense", "fami.expense", "create", [{
            "project_id": self.account["project"], "organisation_id": self.account["organisation"],
            "budget_line_id": random.choice(self.account["budget_lines"]), "supplier_id": self.account["supplier"],
            "document_number": f"LOAD-{uuid.uuid4().hex[:12]}", "document_date": "2027-03-01",
            "payment_date": "2027-03-10", "taxable_amount": random.randrange(50, 500), "vat_amount": 0,
            "document_file": PROOF, "payment_proof": PROOF}])
        if expense:
            with LOCK:
                RESULTS["expenses"].append(expense)
            self.call("staff: send an expense", "fami.expense", "workflow_fire", [[expense], "submit"])

    @task(1)
    def check_expenses(self):
        ids = self.call("staff: list sent expenses", "fami.expense", "search", [[
            ("workflow_state_code", "=", "submitted"), ("document_number", "=like", "LOAD-%"),
            ("create_uid", "!=", self.uid)]], {"limit": 10, "order": "id"})
        if ids:
            self.call("staff: check expenses", "fami.expense", "workflow_fire", [ids, "check"], conflict_ok=True)


class Manager(OdooUser):
    role = "manager"
    fixed_count = CONFIG["counts"]["manager"]

    @task(2)
    def approve_hours(self):
        # managers look at the same queue at the same time: concurrent approvals of the same lines
        ids = self.call("manager: list sent hours", "account.analytic.line", "search", [[
            ("workflow_state_code", "=", "submitted"), ("fami_is_mediation", "=", True)]],
            {"limit": 20, "order": "id"})
        if ids and self.call("manager: approve hours", "account.analytic.line", "workflow_fire",
                             [ids, "approve"], conflict_ok=True) is not None:
            with LOCK:
                for line in ids:
                    RESULTS["approved"].setdefault(f"account.analytic.line,{line}", []).append(self.login)

    @task(1)
    def approve_expenses(self):
        ids = self.call("manager: list checked expenses", "fami.expense", "search", [[
            ("workflow_state_code", "=", "checked"), ("document_number", "=like", "LOAD-%")]],
            {"limit": 10, "order": "id"})
        if ids and self.call("manager: approve expenses", "fami.expense", "workflow_fire", [ids, "approve"],
                             conflict_ok=True) is not None:
            with LOCK:
                for expense in ids:
                    RESULTS["approved"].setdefault(f"fami.expense,{expense}", []).append(self.login)


class Auditor(OdooUser):
    role = "auditor"
    fixed_count = CONFIG["counts"]["auditor"]
    wait_time = between(2, 5)

    @task
    def export_workbook(self):
        # the workbook kept on the claim, which every reader of the claim downloads (the file of the export button)
        claims = self.call("auditor: download the workbook", "fami.payment.request", "read",
                           [[CONFIG["claim"]], ["workbook"]])
        if claims is not None and not (claims and (claims[0]["workbook"] or "").startswith("UEsD")):  # "PK\x03"
            with LOCK:
                RESULTS["errors"].append("auditor: the claim has no workbook")
            # a wrong answer is an error like a failed request: counted in the figures and failing the run
            self.environment.events.request.fire(
                request_type="CHECK", name="auditor: the workbook is a file", response_time=0, response_length=0,
                exception=AssertionError("the claim has no workbook"), context={})


@events.quitting.add_listener
def write_results(environment, **_kwargs):
    with open(os.environ["FAMI_LOAD_RESULTS"], "w", encoding="utf-8") as out:
        json.dump(RESULTS, out)
