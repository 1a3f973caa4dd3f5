#!/usr/bin/python3
"""Several people at once, killed programs and hostile files: what is stored
afterwards, read back with Python's own sqlite3. Real processes of the built
program, nothing mocked. Prints TAP."""
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

INDSATS = os.environ["INDSATS"]
TMP = tempfile.mkdtemp(prefix="indsats-stress-")
results = []
rng = random.Random(15)
# The sanitized build runs every program several times slower: it runs the
# same checks on a smaller scale, the normal build at full size
SMALL = os.environ.get("INDSATS_STRESS_SMALL") == "1"
ADDITIONS = 25 if SMALL else 100
PAIRS = 15 if SMALL else 40


def check(description, condition, detail=""):
    results.append((bool(condition), description, detail))


def run(db, *args, timeout=120):
    return subprocess.run([INDSATS, *args, "--database", db], capture_output=True, text=True,
                          timeout=timeout)


def fresh(name):
    db = os.path.join(TMP, name + ".db")
    r = run(db, "demo")
    assert r.returncode == 0, r.stderr
    return db


def query(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def content_hash(db):
    """The stored content, independent of the file's layout"""
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        for row in con.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def big_csv(path, rows, seed):
    r = random.Random(seed)
    with open(path, "w") as f:
        f.write("indicator,area,period,value\n")
        for i in range(rows):
            f.write(f"Stress {i % 40},Ishøj,{1990 + i // 480}M{(i // 40) % 12 + 1:02d},{r.random() * 100:.1f}\n")


def chain_is_complete(db, action_id):
    """Each field's history: every row's old value is the row before's new value"""
    last = {}
    for field, old, new in query(db, "SELECT field, old_value, new_value FROM action_history"
                                     " WHERE action_id = ? ORDER BY id", action_id):
        if field in ("created", "deleted", "restored", "position"):
            continue
        if field in last and last[field] != old:
            return False, f"{field}: {last[field]!r} then old {old!r}"
        last[field] = new
    return True, ""


# Four writers at once, each adding 100 actions: all 400 are stored
db = fresh("writers")
before = query(db, "SELECT count(*) FROM action")[0][0]


def writer(n):
    failures = []
    for i in range(ADDITIONS):
        r = run(db, "actions", "add", "--team", f"Team {n}", "--focus", "Fokus", "--owner", "SB",
                "--start", "2023-04-03", "--text", f"Skriver {n} nr. {i}")
        if r.returncode != 0:
            failures.append(r.stderr.strip())
    return failures


with ThreadPoolExecutor(4) as pool:
    failures = sum(pool.map(writer, range(4)), [])
after = query(db, "SELECT count(*) FROM action")[0][0]
check(f"four parallel writers × {ADDITIONS} additions: every one exits 0", not failures, failures[:3])
check(f"four parallel writers × {ADDITIONS} additions: {4 * ADDITIONS} are stored",
      after - before == 4 * ADDITIONS, after - before)
check("four parallel writers: each addition is in the history once",
      query(db, "SELECT count(*) FROM action_history WHERE field = 'created'")[0][0] == after)

# Additions while an import runs: they wait for it and succeed
db = fresh("during-import")
csv_path = os.path.join(TMP, "big.csv")
big_csv(csv_path, 60000, 1)
importer = subprocess.Popen([INDSATS, "import", csv_path, "--database", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
added = []
while importer.poll() is None and len(added) < 40:
    added.append(run(db, "actions", "add", "--team", "T", "--focus", "F", "--owner", "O",
                     "--start", "2023-04-03", "--text", f"Under import {len(added)}"))
importer.wait()
check("an import beside additions exits 0", importer.returncode == 0, importer.stderr.read())
check("additions during an import all exit 0", all(r.returncode == 0 for r in added),
      [r.stderr for r in added if r.returncode][:2])
check("additions during an import are all stored",
      query(db, "SELECT count(*) FROM action WHERE text LIKE 'Under import %'")[0][0] == len(added) > 0,
      len(added))
check("the import stored all its rows", query(db, "SELECT count(*) FROM observation o JOIN indicator i"
                                                  " ON i.id = o.indicator_id WHERE i.name LIKE 'Stress %'")[0][0] == 60000)

# A change that takes longer than a window would wait (a big import, say):
# a command waits for it rather than failing
db = fresh("long-writer")
holder = sqlite3.connect(db, isolation_level=None, timeout=30)
holder.execute("BEGIN IMMEDIATE")
started = time.monotonic()
adder = subprocess.Popen([INDSATS, "actions", "add", "--team", "T", "--focus", "F", "--owner", "O",
                          "--start", "2023-04-03", "--text", "Venter på en lang ændring", "--database", db],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
time.sleep(7)
still_waiting = adder.poll() is None
holder.execute("COMMIT")
holder.close()
adder.wait(timeout=120)
check("an addition waits for a change that holds the database 7 s", still_waiting and adder.returncode == 0,
      adder.stderr.read())
check("... and is stored once the other change is done",
      query(db, "SELECT count(*) FROM action WHERE text = 'Venter på en lang ændring'")[0][0] == 1)

# Concurrent edits of different fields of one action: both stay
db = fresh("fields")
lost = []
bad_exit = []
for i in range(PAIRS):
    owner, note = f"Ejer {i}", f"Note {i}"
    a = subprocess.Popen([INDSATS, "actions", "edit", "2", "--owner", owner, "--database", db],
                         stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen([INDSATS, "actions", "edit", "2", "--note", note, "--database", db],
                         stderr=subprocess.PIPE, text=True)
    a.wait()
    b.wait()
    if a.returncode or b.returncode:
        bad_exit.append((a.stderr.read(), b.stderr.read()))
    stored = query(db, "SELECT owner, note FROM action WHERE id = 2")[0]
    if stored != (owner, note):
        lost.append((i, stored))
check("concurrent edits of owner and note: both exit 0", not bad_exit, bad_exit[:2])
check(f"concurrent edits of owner and note: neither change is lost ({PAIRS} pairs)", not lost, lost[:3])
ok, why = chain_is_complete(db, 2)
check("the history chain after concurrent edits is complete", ok, why)
check("the history has one owner and one note row per pair",
      query(db, "SELECT count(*) FROM action_history WHERE action_id = 2 AND field IN ('owner', 'note')")[0][0]
      == 2 * PAIRS)

# Edit against delete: an edit that comes second fails and adds nothing after the deletion
db = fresh("delete")
wrong = []
for action_id in range(1, 21):
    e = subprocess.Popen([INDSATS, "actions", "edit", str(action_id), "--note", "sent", "--database", db],
                         stderr=subprocess.PIPE, text=True)
    d = subprocess.Popen([INDSATS, "actions", "delete", str(action_id), "--database", db],
                         stderr=subprocess.PIPE, text=True)
    e.wait()
    d.wait()
    err = e.stderr.read()
    fields = [f for (f,) in query(db, "SELECT field FROM action_history WHERE action_id = ? ORDER BY id", action_id)]
    if d.returncode != 0 or fields[-1] != "deleted":
        wrong.append((action_id, "after the deletion", fields))
    elif e.returncode == 0 and "note" not in fields:
        wrong.append((action_id, "edit exit 0 but no note", fields))
    elif e.returncode != 0 and f"action {action_id} was deleted" not in err.lower():
        wrong.append((action_id, err))
check("edit against delete: nothing is recorded after the deletion, a late edit says it was deleted",
      not wrong, wrong[:3])
r = run(db, "actions", "edit", "1", "--owner", "Nogen")
check("an edit of a deleted action exits 1 saying so",
      r.returncode == 1 and "action 1 was deleted" in r.stderr.lower(), r.stderr)

# An export while imports rewrite a figure's values shows one moment: every
# value of the figure comes from the same import
import openpyxl
db = fresh("export-import")
obs = query(db, "SELECT i.name, o.area, o.period FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                " WHERE i.id IN (SELECT indicator_id FROM figure_series WHERE figure_id ="
                " (SELECT id FROM figure WHERE number = 2))")
versions = {}
for value in (11, 22):
    path = os.path.join(TMP, f"version-{value}.csv")
    with open(path, "w") as f:
        f.write("indicator,area,period,value\n")
        for n, (name, area, period) in enumerate(obs):
            # padding between the figure's rows keeps each import busy for a while
            for i in range(40):
                f.write(f"Fyld {n % 7},Ishøj,{1900 + (n * 40 + i) // 12}M{(n * 40 + i) % 12 + 1:02d},{value}\n")
            f.write(f'"{name}",{area},{period},{value}\n')
    versions[value] = path
stop = False


def importer_loop():
    n = 0
    while not stop:
        run(db, "import", versions[11 if n % 2 == 0 else 22])
        n += 1
    return n


mixed, exports = [], 0
n_exports = 3 if SMALL else 5
run(db, "import", versions[22])
with ThreadPoolExecutor(1) as pool:
    future = pool.submit(importer_loop)
    for i in range(n_exports):
        book = os.path.join(TMP, f"moment-{i}.xlsx")
        r = run(db, "export", "xlsx", book)
        if r.returncode != 0:
            mixed.append(r.stderr)
            continue
        exports += 1
        wb = openpyxl.load_workbook(book)
        sheet = wb[[n for n in wb.sheetnames if n.endswith(" 2")][0]]
        # a percentage's cell holds the fraction: 11 % is 0.11
        seen = {round(c.value * 100) for row in sheet.iter_rows() for c in row
                if isinstance(c.value, float) and round(c.value * 100, 6) in (11, 22)}
        if len(seen) != 1:
            mixed.append((i, seen))
    stop = True
    imports = future.result()
check(f"exports during imports ({exports} exports, {imports} imports) each show one import's values",
      not mixed and exports == n_exports and imports >= 2, mixed[:3])

# A SIGKILL at random moments of edits, additions, imports and exports loses
# nothing that a command reported as done, and leaves no damaged database
db = fresh("kill")
small_csv = os.path.join(TMP, "small.csv")
big_csv(small_csv, 3000, 2)
out_dir = os.path.join(TMP, "kill-out")
os.mkdir(out_dir)
ledger = []          # (kind, what it left) of every command that exited 0
kills = 0
kill_rounds = int(os.environ.get("INDSATS_STRESS_KILLS", "60" if SMALL else "220"))
serial = 0
# a command that ends before its kill is not a kill: go on until enough
# were (a quick command often ends first, so allow many rounds)
while kills < kill_rounds and serial < kill_rounds * 8:
    serial += 1
    kind = rng.choice(["add", "edit", "import", "export"])
    if kind == "add":
        args = ["actions", "add", "--team", "Dræbt", "--focus", "F", "--owner", "O",
                "--start", "2023-04-03", "--text", f"Drab {serial}"]
    elif kind == "edit":
        args = ["actions", "edit", str(rng.randint(1, 25)), "--note", f"Drab {serial}"]
    elif kind == "import":
        args = ["import", small_csv]
    else:
        args = ["export", "xlsx", os.path.join(out_dir, "udvalg.xlsx")]
    p = subprocess.Popen([INDSATS, *args, "--database", db],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, 0.12))
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
        kills += 1
    p.wait()
    if p.returncode == 0:
        ledger.append((kind, args))
integrity = query(db, "PRAGMA integrity_check")
check(f"SIGKILL loop: at least {kill_rounds} kills ({kills} in {serial} rounds)", kills >= kill_rounds, kills)
check("SIGKILL loop: the database passes integrity_check", integrity == [("ok",)], integrity)
texts = {t for (t,) in query(db, "SELECT text FROM action")}
notes = {n for (n,) in query(db, "SELECT new_value FROM action_history WHERE field = 'note'")}
missing = [a for k, a in ledger if (k == "add" and a[-1] not in texts) or
           (k == "edit" and a[-1] not in notes)]
check("SIGKILL loop: every addition and edit that exited 0 is stored", not missing, missing[:3])
if os.path.exists(os.path.join(out_dir, "udvalg.xlsx")):
    import zipfile
    try:
        with zipfile.ZipFile(os.path.join(out_dir, "udvalg.xlsx")) as z:
            bad = z.testzip()
        check("SIGKILL loop: the workbook under its name is whole", bad is None, bad)
    except zipfile.BadZipFile as e:
        check("SIGKILL loop: the workbook under its name is whole", False, str(e))
# a killed export cannot remove its own temporary file: the next one written
# in that folder removes those of processes that no longer run
killed_left = [n for n in os.listdir(out_dir) if n != "udvalg.xlsx"]
last = run(db, "export", "xlsx", os.path.join(out_dir, "udvalg.xlsx"))
leftovers = [n for n in os.listdir(out_dir) if n != "udvalg.xlsx"]
check(f"SIGKILL loop: the next export exits 0 and removes what killed ones left ({len(killed_left)} files)",
      last.returncode == 0 and not leftovers, (last.returncode, last.stderr, leftovers[:5]))

# Honest messages. A database in a folder that cannot be written opens
# read-only: reading works, a change says why it cannot be made
as_user = []
if os.getuid() == 0 and shutil.which("setpriv"):
    as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
if os.getuid() != 0 or as_user:
    folder = os.path.join(TMP, "locked")
    os.mkdir(folder)
    db = os.path.join(folder, "plan.db")
    run(db, "demo")
    os.chmod(TMP, 0o755)
    for name in os.listdir(folder):
        os.chmod(os.path.join(folder, name), 0o644)
    os.chmod(folder, 0o555)
    before = content_hash(db)
    r = subprocess.run([*as_user, INDSATS, "actions", "list", "--database", db], capture_output=True, text=True)
    check("a read-only folder: actions list reads the plan", r.returncode == 0 and len(r.stdout.splitlines()) == 26,
          r.stderr)
    r = subprocess.run([*as_user, INDSATS, "actions", "edit", "2", "--owner", "X", "--database", db],
                       capture_output=True, text=True)
    check("a read-only folder: an edit exits 1 saying the database is open read-only",
          r.returncode == 1 and "is open read-only" in r.stderr and "not an Indsats" not in r.stderr, r.stderr)
    check("a read-only folder: the database is unchanged", content_hash(db) == before)
    os.chmod(folder, 0o755)

# A command that only reads never makes a database
missing = os.path.join(TMP, "mistyped", "plan.db")
for args in (["actions", "list"], ["series", "list"], ["figure", "list"], ["actions", "history", "1"],
             ["export", "xlsx", os.path.join(TMP, "x.xlsx")]):
    r = run(missing, *args)
    check(f"{args[0]} {args[1]} on a missing database exits 1 and makes nothing",
          r.returncode == 1 and not os.path.exists(os.path.dirname(missing)), r.stderr)
check("... saying how to make one",
      f"no database at {missing}; `indsats demo --database {missing}` makes one" in r.stderr, r.stderr)

# A damaged database is said to be damaged; a full disk is said to be full
db = fresh("damaged")
with open(db, "r+b") as f:
    f.seek(100)
    f.write(os.urandom(4096))
r = run(db, "actions", "list")
check("a damaged database: exit 1 naming it as damaged", r.returncode == 1 and "damaged" in r.stderr, r.stderr)


def mount_small(path, size):
    os.mkdir(path)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path],
                          capture_output=True).returncode == 0


def fill(path):
    try:
        with open(os.path.join(path, "fill"), "wb") as f:
            while True:
                f.write(b"0" * 4096)
                f.flush()
    except OSError:
        pass


small = os.path.join(TMP, "small")
if os.getuid() == 0 and mount_small(small, "1m"):
    try:
        db = os.path.join(small, "plan.db")
        run(db, "demo")
        run(db, "actions", "list")      # its shared-memory file exists before the disk fills
        before = content_hash(db)
        fill(small)
        r = run(db, "actions", "add", "--team", "T", "--focus", "F", "--owner", "O", "--start", "2023-04-03",
                "--text", "x" * 30000)
        check("a full disk: an addition exits 1 saying the disk is full",
              r.returncode == 1 and "the disk is full" in r.stderr.lower() and "damaged" not in r.stderr, r.stderr)
        r2 = run(db, "import", csv_path)
        check("a full disk: an import exits 1 saying the disk is full",
              r2.returncode == 1 and "the disk is full" in r2.stderr.lower(), r2.stderr)
        r = run(db, "actions", "list")
        check("a full disk: reading still works", r.returncode == 0 and len(r.stdout.splitlines()) == 26, r.stderr)
        os.unlink(os.path.join(small, "fill"))
        check("a full disk: the database is unchanged", content_hash(db) == before)
    finally:
        subprocess.run(["umount", "-l", small])

# Files out: the old file's permissions are kept, a link is followed, a long
# name fits, and a full disk is one line
db = fresh("files-out")
out_dir = os.path.join(TMP, "out")
os.mkdir(out_dir)
private = os.path.join(out_dir, "privat.xlsx")
with open(private, "w") as f:
    f.write("old")
os.chmod(private, 0o600)
r = run(db, "export", "xlsx", private)
check("an export over a 0600 file keeps 0600", r.returncode == 0 and os.stat(private).st_mode & 0o777 == 0o600,
      (r.stderr, oct(os.stat(private).st_mode)))
os.mkdir(os.path.join(out_dir, "real"))
link = os.path.join(out_dir, "link.svg")
os.symlink("real/figur.svg", link)
r = run(db, "figure", "render", "1", link)
check("a figure written through a symbolic link replaces the file it points to, the link stays",
      r.returncode == 0 and os.path.islink(link) and os.path.getsize(os.path.join(out_dir, "real", "figur.svg")) > 0,
      r.stderr)
long_name = os.path.join(out_dir, "u" * 250 + ".xlsx")
r = run(db, "export", "xlsx", long_name)
check("a 255-byte file name is written", r.returncode == 0 and os.path.exists(long_name), r.stderr)
long_name = os.path.join(out_dir, "æ" * 125 + ".png")
r = run(db, "figure", "render", "2", long_name)
check("a long name of two-byte letters is written", r.returncode == 0 and os.path.exists(long_name), r.stderr)
check("no temporary is left beside the files written",
      sorted(os.listdir(out_dir)) == sorted(["privat.xlsx", "real", "link.svg", "u" * 250 + ".xlsx", "æ" * 125 + ".png"]),
      os.listdir(out_dir))

tiny = os.path.join(TMP, "tiny")
if os.getuid() == 0 and mount_small(tiny, "300k"):
    try:
        for args in (["export", "xlsx", os.path.join(tiny, "udvalg.xlsx")],
                     ["figure", "render", "all", tiny]):
            r = run(db, *args)
            lines = r.stderr.strip().splitlines()
            check(f"a full disk: {args[0]} {args[1]} exits 1 with one line saying the disk is full",
                  r.returncode == 1 and len(lines) == 1 and "the disk is full" in lines[0], r.stderr)
        check("a full disk: no temporaries are left", not [n for n in os.listdir(tiny) if n.startswith(".")],
              os.listdir(tiny))
    finally:
        subprocess.run(["umount", "-l", tiny])

# Text in: a control character is refused naming the field and where it is,
# on the command line and in imports, and nothing is stored
db = fresh("text-in")
before = content_hash(db)
hostile = [
    (["figure", "add", "--title", "Ti\x01tel", "--indicator", "Ledighed", "--areas", "Ishøj"],
     "The figure's title holds a control character (U+0001) at character 3"),
    (["actions", "add", "--team", "T", "--focus", "F", "--owner", "Ej\x1ber", "--start", "2023-04-03", "--text", "x"],
     "The owner holds a control character (U+001B) at character 3"),
    (["actions", "edit", "2", "--team", "Te\x7fam"], "The team holds a control character (U+007F) at character 3"),
]
for args, message in hostile:
    r = run(db, *args)
    check(f"{args[0]} {args[1]} with a control character exits 1 naming field and position",
          r.returncode == 1 and message in r.stderr, r.stderr)
csv_bad = os.path.join(TMP, "control.csv")
with open(csv_bad, "w") as f:
    f.write("indicator,area,period,value\nLedighed,Ishøj,2023M01,5\nLedighed,Br\x01ndby,2023M01,5\n")
r = run(db, "import", csv_bad)
check("a CSV with a control character exits 1 naming file, line, field and position",
      r.returncode == 1 and f"{csv_bad}:3: field 2 holds a control character (U+0001) at character 3" in r.stderr,
      r.stderr)
json_bad = os.path.join(TMP, "control.json")
with open(json_bad, "w") as f:
    f.write('{"columns": ["indicator", "area", "period", "value"], "rows": [["L\\u0001", "Ishøj", "2023M01", 5]]}')
r = run(db, "import", json_bad)
check("a JSON with a control character exits 1 naming it", r.returncode == 1 and "U+0001" in r.stderr, r.stderr)
check("after every refusal the database is unchanged", content_hash(db) == before)
r = run(db, "actions", "edit", "2", "--note", "Linje 1\nLinje 2\tmed tab")
check("a note may hold a line break and a tab",
      r.returncode == 0 and query(db, "SELECT note FROM action WHERE id = 2")[0][0] == "Linje 1\nLinje 2\tmed tab",
      r.stderr)

# Files in: deep nesting, NUL, numbers out of range and files that are not
# files are refused with the line, and nothing is stored
import resource
db = fresh("files-in")
before = content_hash(db)


def json_file(name, body):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(body)
    return path


def one_value(value, indicator="Tal"):
    return ('{"columns": ["indicator", "area", "period", "value"],\n "rows": [["%s", "Ishøj", "2023M01", %s]]}'
            % (indicator, value))


refused = [
    ("JSON nested 80,000 deep", json_file("deep.json", "[" * 80000 + "]" * 80000), "nested more than 256 levels"),
    ("a NUL in a JSON text", json_file("nul.json", one_value("1", "A\\u0000B")), ":2: a text holds a NUL character"),
    ("a JSON integer beyond 64 bits", json_file("big.json", one_value("9223372036854775808")),
     "is too large to be stored exactly"),
    ("9.99e307", json_file("huge.json", one_value("9.99e307")), "is out of range"),
    ("-9.99e307", json_file("nhuge.json", one_value("-9.99e307")), "is out of range"),
    ("/dev/zero", "/dev/zero", "is a device, not a file"),
    ("a folder", TMP, "is a folder, not a file"),
]
fifo = os.path.join(TMP, "pipe.csv")
os.mkfifo(fifo)
refused.append(("a FIFO", fifo, "is a pipe (FIFO), not a file"))
sparse = os.path.join(TMP, "huge.csv")
with open(sparse, "w") as f:
    f.write("indicator,area,period,value\n")
    f.truncate(5 * 1024 ** 3)
# the header, then 5 GB of NUL bytes: read a piece at a time, refused at the first piece
refused.append(("a 5 GB file of NUL bytes", sparse, "this is not a text file (it holds binary data)"))
for what, path, message in refused:
    r = run(db, "import", path, timeout=60)
    check(f"import of {what} exits 1: {message}", r.returncode == 1 and message in r.stderr
          and len(r.stderr.strip().splitlines()) == 1, r.stderr[:300])
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if not SMALL:  # AddressSanitizer's shadow memory is counted too
    check(f"no import took more than 100 MB of memory ({peak_mb:.0f} MB)", peak_mb < 100, peak_mb)
check("after every refused file the database is unchanged", content_hash(db) == before)
# a file far over 100 MB is read a piece at a time: imported, in little memory
big = os.path.join(TMP, "big.csv")
with open(big, "w", encoding="utf-8") as f:
    f.write("indicator,area,period,value\nStor fil,Ishøj,2023M08,288\n")
    blank = "\n" * 1024 ** 2
    for _ in range(150):  # a piece at a time: a forked child counts this process's memory too
        f.write(blank)
    f.write("Stor fil,Brøndby,2023M08,301\n")
r = run(db, "import", big, timeout=240)
got = query(db, "SELECT o.area, o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id "
                "WHERE i.name = 'Stor fil' ORDER BY 1")
check("a file of 150 MB is imported whole", r.returncode == 0 and got == [("Brøndby", 301.0), ("Ishøj", 288.0)],
      (r.stderr[:300], got))
os.unlink(big)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if not SMALL:
    check(f"... in less than 100 MB of memory ({peak_mb:.0f} MB)", peak_mb < 100, peak_mb)
for value, stored in (("0.00005", 0.00005), ("-0.000001", -0.000001), ("1e15", 1e15), ("-123456789012345", -123456789012345)):
    r = run(db, "import", json_file("ok.json", one_value(value, "Tal " + value)))
    got = query(db, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.name = ?",
                "Tal " + value)
    check(f"a JSON value of {value} is stored exactly", r.returncode == 0 and got == [(stored,)], (r.stderr, got))

# XML writers as a second line of defence: a database written before the
# checks may hold control characters; the SVG and the workbook stay readable
import xml.etree.ElementTree as ET
import zipfile
db = fresh("old-text")
con = sqlite3.connect(db)
con.execute("UPDATE figure SET title = 'Ti' || char(1) || 'tel' WHERE number = 1")
con.execute("UPDATE plan SET title = 'Plan' || char(2)")
con.execute("UPDATE action SET text = 'Ind' || char(3) || 'sats' WHERE id = 1")
con.commit()
con.close()
svg = os.path.join(TMP, "old.svg")
r = run(db, "figure", "render", "1", svg)
try:
    ET.parse(svg)
    well_formed = True
except ET.ParseError as e:
    well_formed = str(e)
check("an SVG of a title with a control character is well-formed XML", r.returncode == 0 and well_formed is True,
      (r.stderr, well_formed))
book = os.path.join(TMP, "old.xlsx")
r = run(db, "export", "xlsx", book)
bad_parts = []
if r.returncode == 0:
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                try:
                    ET.fromstring(z.read(name))
                except ET.ParseError as e:
                    bad_parts.append((name, str(e)))
check("a workbook of texts with control characters has only well-formed XML parts",
      r.returncode == 0 and not bad_parts, (r.stderr, bad_parts[:3]))
try:
    import openpyxl
    openpyxl.load_workbook(book)
    opened = True
except Exception as e:  # what openpyxl raises for a broken part varies
    opened = str(e)
check("... and openpyxl opens it", opened is True, opened)

shutil.rmtree(TMP, ignore_errors=True)
print(f"1..{len(results)}")
for i, (ok, description, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {description}")
    if not ok:
        print(f"# {detail}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
