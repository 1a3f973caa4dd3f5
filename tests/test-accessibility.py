#!/usr/bin/python3
"""The window as a screen reader reads it: through AT-SPI (pyatspi), in English
and in Danish. Needs an X display and a D-Bus session with the accessibility
bus; tools/test.sh gives both. Prints TAP."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import pyatspi

INDSATS = os.environ["INDSATS"]
results = []


def check(description, condition, detail=""):
    results.append((bool(condition), description, detail))


def walk(node, out, depth=0):
    if node is None or depth > 60:
        return
    try:
        out.append((node.getRoleName(), node.name or "", node))
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            walk(node.getChildAtIndex(i), out, depth + 1)
        except Exception:
            pass


def find_app(name, pid, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.3)
    return None


def nodes(app):
    out = []
    for i in range(app.childCount):
        walk(app.getChildAtIndex(i), out)
    return out


def wait_for(app, predicate, timeout=45):
    """Reads the tree again until predicate(nodes) holds: a loaded machine is slow to draw."""
    end = time.time() + timeout
    while True:
        found = nodes(app)
        if predicate(found) or time.time() > end:
            return found
        time.sleep(0.4)


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            return True
    action.doAction(0)
    return True


def bad_name(role, name):
    """A name that reads badly: a mnemonic's underscore, a class name, or the same words twice"""
    if role not in ("push button", "toggle button", "combo box", "menu item", "check box", "radio button"):
        return False
    if name == "" or "_" in name or name.startswith("Gtk") or name.startswith("Adw"):
        return True
    words = name.split(" ")
    half = len(words) // 2
    return len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]


def check_names(language, found):
    """Every button and toggle has a real name, read once; the window's own title buttons aside"""
    bad = sorted({f"{r}: {n!r}" for r, n, _ in found if bad_name(r, n)
                  and n not in ("Minimize", "Maximize", "Close")})
    check(f"[{language or 'en'}] every button, toggle and drop-down has a real name, read once", not bad, bad[:20])


def run(language, names):
    tmp = tempfile.mkdtemp(prefix="indsats-a11y-")
    db = os.path.join(tmp, "plan.db")
    subprocess.run([INDSATS, "demo", "--database", db], check=True, capture_output=True)
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    if language:
        env["LANGUAGE"] = language
    proc = subprocess.Popen([INDSATS, "--database", db], env=env)
    try:
        app = find_app("indsats", proc.pid)
        check(f"[{language or 'en'}] the window is on the accessibility bus", app is not None)
        if app is None:
            return
        all_nodes = wait_for(app, lambda found: any(n == names["add"] for _, n, _ in found))
        buttons = {n for r, n, _ in all_nodes if r in ("push button", "toggle button")}
        for key in ("add", "undo", "redo", "search"):
            check(f"[{language or 'en'}] a button named “{names[key]}”", names[key] in buttons, sorted(buttons))

        # go to the plan's page, as a screen reader user would
        tabs = [node for r, n, node in all_nodes if r == "page tab" and n == names["plan"]]
        check(f"[{language or 'en'}] the page “{names['plan']}” can be chosen", tabs)
        if tabs:
            try:
                parent = tabs[0].parent
                parent.querySelection().selectChild(tabs[0].getIndexInParent())
            except Exception:
                click(tabs[0])
        all_nodes = wait_for(app, lambda found: any(n.startswith("Fagkoordinatoren kontakter borger") for _, n, _ in found))
        rows = [n for r, n, _ in all_nodes if n.startswith("Fagkoordinatoren kontakter borger")]
        check(f"[{language or 'en'}] an action is read with its owner, start date and status",
              any(names["owner"] in n and "27.02.2023" in n and names["started"] in n for n in rows), rows[:2])
        check(f"[{language or 'en'}] an action is read once, as text, owner, status, date",
              any(n.startswith(names["row"] + ", " + names["owner"] + ", " + names["started"] + ", ")
                  and n.endswith(" 27.02.2023") and n.count("27.02.2023") == 1 for n in rows), rows[:2])
        check(f"[{language or 'en'}] no action's name has a doubled full stop", not any(".." in n for n in rows), rows[:2])
        buttons = [n for r, n, _ in all_nodes if r == "push button"]
        check(f"[{language or 'en'}] each action has one “{names['menu']}” button",
              buttons.count(names["menu"]) >= 10, buttons[:12])
        check_names(language, all_nodes)
        late = [n for n in (n for r, n, _ in all_nodes) if n.startswith("At få selvbook")]
        check(f"[{language or 'en'}] a planned action that should have started says so in words",
              any(names["late"] in n for n in late), late)

        # the form: every field has its name
        add = [node for r, n, node in all_nodes if r == "push button" and n == names["add"]]
        if add:
            click(add[0])
            form = {n for r, n, _ in wait_for(app, lambda found: any(n == names["save"] for _, n, _ in found))}
            for field in ("action", "team", "focus", "owner_field", "start", "status", "note", "save", "cancel"):
                check(f"[{language or 'en'}] the form has a control named “{names[field]}”", names[field] in form)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


run(None, {"add": "Add Action", "menu": "Action Menu",
           "row": "Fagkoordinatoren kontakter borger inden for de første 8 uger af sygemeldingen", "undo": "Undo", "redo": "Redo", "search": "Search", "plan": "Recovery Plan",
           "owner": "Owner: Fagkoordinator", "started": "Started",
           "late": "Late – should have taken effect 11.05.2023", "action": "Action", "team": "Team", "focus": "Focus Area", "owner_field": "Owner",
           "start": "Takes Effect", "status": "Status", "note": "Note", "save": "Save", "cancel": "Cancel"})
run("da", {"add": "Tilføj indsats", "menu": "Menu for indsatsen",
           "row": "Fagkoordinatoren kontakter borger inden for de første 8 uger af sygemeldingen", "undo": "Fortryd", "redo": "Annullér fortryd", "search": "Søg",
           "plan": "Genopretningsplan", "owner": "Ansvarlig: Fagkoordinator", "started": "I gang",
           "late": "Forsinket – skulle være trådt i kraft 11.05.2023",
           "action": "Indsats", "team": "Team", "focus": "Fokusområde", "owner_field": "Ansvarlig", "start": "Træder i kraft", "status": "Status",
           "note": "Note", "save": "Gem", "cancel": "Annuller"})

UNIQUE = "Særlig indsats for unge ordblinde i jobafklaring"


def on_screen(node, frame):
    """Visible, and inside the window where its place can be read"""
    try:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        window = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return True
    if box.width <= 0 and box.height <= 0:
        return True
    return box.y + box.height > 0 and box.y < window.height


def showing_actions(found):
    """The action rows a screen reader finds on screen (a bench plan's texts begin "Indsats N:")"""
    frames = [node for r, n, node in found if r == "frame"]
    return [n for r, n, node in found
            if r == "table cell" and (n.startswith("Indsats ") or n.startswith(UNIQUE)) and "Owner:" in n
            and frames and on_screen(node, frames[0])]


def type_text(text):
    for ch in text:
        pyatspi.Registry.generateKeyboardEvent(ord(ch) if ord(ch) < 256 else 0x1000000 + ord(ch), None,
                                               pyatspi.KEY_SYM)
        time.sleep(0.02)


def run_big_plan():
    """A plan of 5,000 actions: rows on screen, one action found by its words, the empty state"""
    tmp = tempfile.mkdtemp(prefix="indsats-a11y-")
    db = os.path.join(tmp, "big.db")
    subprocess.run([os.environ["INDSATS_MAKE_BENCH_DB"], db, "--actions", "5000"], check=True, capture_output=True)
    subprocess.run([INDSATS, "actions", "add", "--database", db, "--team", "Team 1", "--focus", "Fokusområde 1",
                    "--owner", "Teamleder", "--start", "2023-05-01", "--text", UNIQUE], check=True, capture_output=True)
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    proc = subprocess.Popen([INDSATS, "--database", db], env=env)
    try:
        app = find_app("indsats", proc.pid)
        check("[5,000] the window is on the accessibility bus", app is not None)
        if app is None:
            return
        found = wait_for(app, lambda found: len(showing_actions(found)) >= 5, timeout=40)
        rows = showing_actions(found)
        check("[5,000] action rows are on screen", len(rows) >= 5, rows[:3])
        check("[5,000] the first action of the plan is among them", any(n.startswith("Indsats 1:") for n in rows), rows[:3])
        check("[5,000] the count says how many actions there are",
              any(n == "5.001 actions" for _, n, _ in found), sorted({n for r, n, _ in found if r == "label"})[:20])

        # Ctrl+F, then the action's own words, by keyboard
        search = [node for r, n, node in found if r in ("push button", "toggle button") and n == "Search"]
        check("[5,000] the search can be opened", search)
        if not search:
            return
        click(search[0])
        time.sleep(1)
        type_text("unge ordblinde")
        found = wait_for(app, lambda found: len(showing_actions(found)) == 1
                         and showing_actions(found)[0].startswith(UNIQUE), timeout=30)
        rows = showing_actions(found)
        check("[5,000] a search for one action's words shows exactly that action",
              len(rows) == 1 and rows[0].startswith(UNIQUE), rows[:3])
        check("[5,000] and the count says so", any(n == "1 of 5.001 actions" for _, n, _ in found))

        type_text("zz")
        found = wait_for(app, lambda found: any(n == "No Matching Actions" for _, n, _ in found), timeout=30)
        check("[5,000] a search with no hits shows the empty state",
              any(n == "No Matching Actions" for _, n, _ in found) and not showing_actions(found),
              showing_actions(found)[:3])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


run_big_plan()


ALT, SHIFT, CONTROL = 64, 50, 37  # the X keycodes of Alt_L, Shift_L and Control_L in Xvfb's keymap


def press(keysym, modifier=None):
    """One key, with Alt or Shift held if asked, as a keyboard gives it"""
    if modifier:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    if modifier:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_RELEASE)
    time.sleep(0.4)


def run_routine():
    """The weekly routine by keyboard alone: Alt+2, a search, Tab into the list,
    Shift+F10, Mark as Started; what the reader reads on the way, and the database"""
    tmp = tempfile.mkdtemp(prefix="indsats-a11y-")
    db = os.path.join(tmp, "routine.db")
    subprocess.run([INDSATS, "demo", "--database", db], check=True, capture_output=True)
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    proc = subprocess.Popen([INDSATS, "--database", db], env=env)

    def status():
        with sqlite3.connect(db) as con:
            return con.execute("SELECT status FROM action WHERE text LIKE 'At få selvbook%'").fetchone()[0]

    try:
        app = find_app("indsats", proc.pid)
        check("[routine] the window is on the accessibility bus", app is not None)
        if app is None:
            return
        wait_for(app, lambda found: any(n == "Add Action" for _, n, _ in found))
        check("[routine] the action is planned to begin with", status() == "planned", status())
        press(ord("2"), ALT)
        press(ord("f"), CONTROL)
        type_text("selvbook")

        found = wait_for(app, lambda found: any(n == "1 of 25 actions" for _, n, _ in found), timeout=20)
        rows = [n for r, n, _ in found if r == "table cell" and n.startswith("At få selvbook")]
        check("[routine] the search finds the one action, and the count says so",
              rows and any(n == "1 of 25 actions" for _, n, _ in found),
              sorted({n for r, n, _ in found if r == "label"})[:20])
        press(0xff09)  # Tab
        focused = [n for r, n, node in nodes(app)
                   if r == "table cell" and node.getState().contains(pyatspi.STATE_FOCUSED)]
        check("[routine] Tab puts the keyboard on the action, read with its owner, status and date",
              len(focused) == 1 and focused[0].startswith("At få selvbook")
              and ", Owner: Udbyderen Schultz, Planned, Late – should have taken effect 11.05.2023" in focused[0], focused)
        press(0xffc7, SHIFT)  # Shift+F10
        found = wait_for(app, lambda found: any(r == "menu item" and n == "Mark as Started" for r, n, _ in found),
                         timeout=10)
        items = [n for r, n, _ in found if r == "menu item"]
        check("[routine] Shift+F10 opens the row's menu, its items read without underscores",
              items[:8] == ["Mark as Started", "Mark as Done", "Mark as Dropped", "Edit…", "History",
                            "Move Up", "Move Down", "Delete"], items)
        press(0xff0d)  # Return: the first item, Mark as Started
        end = time.time() + 10
        while status() != "started" and time.time() < end:
            time.sleep(0.3)
        check("[routine] Mark as Started sets the action's status in the database", status() == "started", status())
        found = wait_for(app, lambda found: any(r == "table cell" and ", Started, " in n and n.startswith("At få selvbook")
                                                for r, n, _ in found), timeout=10)
        focused = [n for r, n, node in found
                   if r == "table cell" and node.getState().contains(pyatspi.STATE_FOCUSED)]
        check("[routine] the keyboard stays on the action, which now reads as started",
              len(focused) == 1 and focused[0].startswith("At få selvbook") and ", Started, " in focused[0], focused)
        check_names("routine", found)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


run_routine()


def run_type_to_search():
    """A letter typed while a row has the keyboard starts a search with it, and
    the letters that follow at once go on to it: keys as AT-SPI generates them
    come far quicker than a person types, before the search bar is on screen"""
    tmp = tempfile.mkdtemp(prefix="indsats-a11y-")
    db = os.path.join(tmp, "typing.db")
    subprocess.run([INDSATS, "demo", "--database", db], check=True, capture_output=True)
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["GTK_A11Y"] = "atspi"
    proc = subprocess.Popen([INDSATS, "--database", db], env=env)
    try:
        app = find_app("indsats", proc.pid)
        check("[typing] the window is on the accessibility bus", app is not None)
        if app is None:
            return
        wait_for(app, lambda found: any(n == "Add Action" for _, n, _ in found))
        press(ord("2"), ALT)
        found = wait_for(app, lambda found: any(r == "table cell" and node.getState().contains(pyatspi.STATE_FOCUSED)
                                                for r, n, node in found), timeout=10)
        focused = [n for r, n, node in found if r == "table cell" and node.getState().contains(pyatspi.STATE_FOCUSED)]
        check("[typing] Alt+2 puts the keyboard on an action of the list", len(focused) == 1, focused)
        # the whole word at once, no pause between the keys
        for ch in "selvbook":
            pyatspi.Registry.generateKeyboardEvent(ord(ch), None, pyatspi.KEY_SYM)
        found = wait_for(app, lambda found: any(n == "1 of 25 actions" for _, n, _ in found), timeout=20)
        rows = [n for r, n, _ in found if r == "table cell" and n.startswith("At få selvbook")]
        check("[typing] every letter typed in the list reaches the search: the one action is found",
              rows and any(n == "1 of 25 actions" for _, n, _ in found),
              sorted({n for r, n, _ in found if r == "label" and "actions" in n}))
        focused = [(r, n) for r, n, node in found if node.getState().contains(pyatspi.STATE_FOCUSED)]
        check("[typing] and the keyboard is in the search field", ("entry", "Search") in focused, focused)
        for ch in "zz":
            pyatspi.Registry.generateKeyboardEvent(ord(ch), None, pyatspi.KEY_SYM)
        found = wait_for(app, lambda found: any(n == "No Matching Actions" for _, n, _ in found), timeout=20)
        check("[typing] the letters after go on to the search as well",
              any(n == "No Matching Actions" for _, n, _ in found))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


run_type_to_search()

for i, (ok, description, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {description}")
    if not ok and detail != "":
        print(f"# {detail!r}"[:1500])
print(f"1..{len(results)}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
