#!/usr/bin/env python3
"""Take the screenshots of docs/user-guide.md from a fresh demo database, in Italian.

    python3 tools/screenshots.py            # writes docs/img/*.png (1280x800)
    python3 tools/screenshots.py --keep     # keep the database `fami_screenshots` afterwards
    python3 tools/screenshots.py --reuse cruscotto   # retake some shots from the database kept

It creates the database with the suite and its demo data (Italian loaded), serves it on a free port, logs in as
each demo user (login = password: responsabile, amministrativo, formatore, mediatore, revisore) and captures the
screens with headless Chromium driven through its DevTools protocol.
"""
import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import devctl

DATABASE = "fami_screenshots"
IMAGES = devctl.ROOT / "docs" / "img"
SIZE = (1280, 800)
TIMEZONE = "Europe/Rome"
USERS = ["admin", "responsabile", "amministrativo", "formatore", "mediatore", "revisore"]
# Record ids the shots need, printed by an Odoo shell as JSON
IDS_SCRIPT = """
import json
for login in %r:
    env["res.users"].search([("login", "=", login)]).lang = "it_IT"
env.cr.commit()
failed = env["ir.module.module"].search([("name", "like", "fami_"), ("demo", "=", False)]).mapped("name")
print("NODEMO=" + ",".join(failed))
print("IDS=" + json.dumps({
    "session_today": env.ref("fami_activities.demo_session_10_today").id,
    "claim": env.ref("fami_reporting.demo_claim_1").id,
    # the mediator's hours still in draft: the form as the mediator fills it in
    "mediation_draft": env["account.analytic.line"].search([
        ("user_id.login", "=", "mediatore"), ("workflow_state_code", "=", "draft")], order="date desc", limit=1).id,
}))
""" % USERS
# (file name, login, path under /odoo, CSS selectors to click one after the other before the shot): every
# screen of the user guide. An empty path is the user's home (their home action, the FAMI dashboard).
SHOTS = [
    ("cruscotto", "responsabile", "", ()),
    ("cruscotto-formatore", "formatore", "", ()),
    ("formatore-lezioni-oggi", "formatore", "action-fami_activities.fami_course_session_action_today", ()),
    ("formatore-nuova-lezione", "formatore", "action-fami_activities.fami_course_session_action_today/new", ()),
    ("formatore-lezione", "formatore", "action-fami_activities.fami_course_session_action/{session_today}", ()),
    ("formatore-registro", "formatore", "action-fami_activities.fami_course_session_action/{session_today}",
     ("button[name=action_open_register]",)),
    ("mediatore-ore", "mediatore", "action-fami_activities.mediation_action_mine", ()),
    ("mediatore-nuove-ore", "mediatore", "action-fami_activities.mediation_action_mine/{mediation_draft}", ()),
    ("responsabile-ore-da-approvare", "responsabile", "",
     ("button[name=action_open_approval_queue]",)),
    ("amministrativo-spese", "amministrativo", "action-fami_reporting.fami_expense_action?view_type=kanban", ()),
    ("amministrativo-nuova-spesa", "amministrativo", "action-fami_reporting.fami_expense_action/new", ()),
    ("amministrativo-nuova-domanda", "amministrativo", "action-fami_reporting.fami_payment_request_action/new", ()),
    ("amministrativo-domanda-rimborso", "amministrativo",
     "action-fami_reporting.fami_payment_request_action/{claim}", ()),
    ("revisore-domanda-inviata", "revisore", "action-fami_reporting.fami_payment_request_action/{claim}", ()),
    ("revisore-budget", "revisore", "action-fami_reporting.fami_budget_line_action", ()),
]
# the web client has rendered a view and finished loading
READY = ("!!document.querySelector('.o_action_manager .o_view_controller') "
         "&& !document.querySelector('.o_loading_indicator, .o_blockUI')")


def create_database(pg, reuse=False):
    if not reuse:
        devctl.drop_database(pg, DATABASE)
        devctl.say(f"creating {DATABASE!r} with the suite, its demo data and Italian (a few minutes) ...")
        subprocess.run(devctl.odoo_command("odoo.conf", pg, "-d", DATABASE, "-i", ",".join(devctl.SUITE),
                                           "--load-language", "it_IT", "--stop-after-init", "--log-level", "warn"),
                       check=True)
    shell = [sys.executable, "-m", "odoo", "shell", *devctl.odoo_command("odoo.conf", pg)[3:], "-d", DATABASE,
             "--no-http", "--log-level", "warn"]
    result = subprocess.run(shell, input=IDS_SCRIPT, text=True, check=False, capture_output=True)
    lines = result.stdout.splitlines()
    failed = next((line[7:] for line in lines if line.startswith("NODEMO=")), None)
    if failed is None or failed:
        raise devctl.SetupError(f"the demo data of {failed or 'the suite'} failed to load (see the log above): "
                                "the screenshots need the whole demo.")
    return json.loads(next(line[4:] for line in lines if line.startswith("IDS=")))


def wait_for(url, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(1)
    raise devctl.SetupError(f"{url} did not answer within {timeout} s")


def login(base, user):
    """Session id of `user` (password = login; admin's is admin)."""
    payload = json.dumps({"jsonrpc": "2.0", "params": {"db": DATABASE, "login": user, "password": user}})
    request = urllib.request.Request(f"{base}/web/session/authenticate", payload.encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        cookie = response.headers.get("Set-Cookie", "")
    return cookie.split("session_id=", 1)[1].split(";", 1)[0]


class Chromium:
    """The few DevTools commands the shots need: set a cookie, open a page, wait, capture."""

    def __init__(self):
        import websocket  # noqa: PLC0415 - websocket-client, a test requirement (requirements.txt)

        executable = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not executable:
            raise devctl.SetupError("Chromium is not installed: install it (Debian: `apt-get install chromium`).")
        port = devctl.free_port()
        self.profile = tempfile.mkdtemp(prefix="fami-shots-")
        self.process = subprocess.Popen([
            executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--remote-debugging-port={port}", f"--user-data-dir={self.profile}",
            f"--window-size={SIZE[0]},{SIZE[1]}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pages = json.loads(wait_for(f"http://127.0.0.1:{port}/json/list", timeout=30))
        page = next(target for target in pages if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.counter = 0
        self.send("Emulation.setDeviceMetricsOverride", width=SIZE[0], height=SIZE[1], deviceScaleFactor=1,
                  mobile=False)
        # the users work in Italy: the browser's clock agrees with their time zone (dates typed and shown)
        self.send("Emulation.setTimezoneOverride", timezoneId=TIMEZONE)

    def send(self, method, **params):
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        return self.send("Runtime.evaluate", expression=expression, returnByValue=True).get("result", {}).get("value")

    def wait(self, expression, what, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{what} never came")

    def shoot(self, url, session_id, path, clicks=()):
        """Open `url` as the session's user, click `clicks` (CSS selectors) in turn, capture the screen."""
        self.send("Network.enable")
        self.send("Network.setCookie", name="session_id", value=session_id, url=url)
        self.send("Page.navigate", url=url)
        time.sleep(2)
        self.wait(READY, f"{url} finished loading")
        for selector in clicks:
            found = f"document.querySelector({json.dumps(selector)})"
            self.wait(f"!!{found}", f"{selector} on {url}")
            self.evaluate(f"{found}.click()")
            time.sleep(1.5)
            self.wait(READY, f"{url} after clicking {selector}")
        time.sleep(1.5)  # charts and progress bars animate
        image = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(image))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the demo database afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help=f"shoot from the database {DATABASE!r} kept by an earlier --keep instead of a new one")
    parser.add_argument("only", nargs="*", help="take only these shots (file names without .png)")
    args = parser.parse_args()
    try:
        return shoot_all(args)
    except devctl.SetupError as error:
        print(f"[fami] {error}", file=sys.stderr)
        return 2


def shoot_all(args):
    pg = devctl.ensure_postgres()
    if args.reuse and not devctl.database_exists(pg, DATABASE):
        raise devctl.SetupError(f"--reuse: there is no database {DATABASE!r}; make it with --keep first")
    ids = create_database(pg, reuse=args.reuse)
    port = devctl.free_port()
    server = subprocess.Popen(devctl.odoo_command("odoo.conf", pg, "-d", DATABASE, "--db-filter", f"^{DATABASE}$",
                                                  "--http-port", str(port), "--log-level", "warn"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    browser = None
    try:
        wait_for(f"{base}/web/login")
        browser = Chromium()
        IMAGES.mkdir(parents=True, exist_ok=True)
        sessions = {}
        for name, user, path, clicks in SHOTS:
            if args.only and name not in args.only:
                continue
            sessions.setdefault(user, login(base, user))
            target = IMAGES / f"{name}.png"
            browser.shoot(f"{base}/odoo/{path.format(**ids)}".rstrip("/"), sessions[user], target, clicks)
            devctl.say(f"{target.relative_to(devctl.ROOT)} ({user})")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=60)
        if not (args.keep or args.reuse):
            devctl.drop_database(pg, DATABASE)
    return 0


if __name__ == "__main__":
    devctl.enter_environment()
    sys.exit(main())
