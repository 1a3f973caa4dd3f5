#!/usr/bin/python3
"""The committee's workbook, read back by readers no one here wrote: openpyxl,
Gnumeric's ssconvert and LibreOffice. Prints TAP."""
import csv
import datetime
import glob
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

INDSATS = os.environ["INDSATS"]
TMP = tempfile.mkdtemp(prefix="indsats-export-")
DB = os.path.join(TMP, "plan.db")
# run by pg-server.sh, the store is a database of the tests' PostgreSQL server
PG_DIR = os.environ.get("INDSATS_PG_DIR")
if PG_DIR:
    PG_DB = "export_%d" % os.getpid()
    subprocess.run([os.path.join(os.environ["INDSATS_SOURCE_ROOT"], "tests", "pg-server.sh"), "createdb", PG_DIR, PG_DB],
                   check=True, capture_output=True)
    DB = f"postgresql://indsats@/{PG_DB}?host={PG_DIR}"
results = []


class PgStore:
    """The PostgreSQL database asked as the test asks the SQLite file: execute
    with ? for each parameter, and commit"""

    def __init__(self):
        import psycopg2
        self.conn = psycopg2.connect(host=PG_DIR, user="indsats", dbname=PG_DB)
        # each question on its own, so that no open transaction holds up the program
        self.conn.autocommit = True

    def execute(self, sql, params=()):
        cursor = self.conn.cursor()
        cursor.execute(sql.replace("?", "%s"), params)
        return cursor

    def commit(self):
        pass


def connect():
    return PgStore() if PG_DIR else sqlite3.connect(DB)


def check(description, condition, detail=""):
    results.append((bool(condition), description, detail))


def run(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([INDSATS, *args, "--database", DB], capture_output=True, text=True, env=e)


# the window may speak English: the committee's workbook is Danish all the same
english_window = {"LANGUAGE": "en"}
run("demo")
injection = '=HYPERLINK("http://example.invalid","Klik her")'
run("actions", "edit", "2", "--note", injection)
run("actions", "edit", "3", "--note", "+45 12 34 56 78")
run("actions", "edit", "4", "--note", "@SUM(A1:A2)")
run("actions", "edit", "5", "--note", "-1")
# one action took effect on another day than planned, one has just been marked as started
run("actions", "edit", "6", "--started-on", "2023-03-13")
run("actions", "edit", "7", "--status", "started")
run("actions", "edit", "8", "--status", "planned")
out = os.path.join(TMP, "udvalg.xlsx")
r = run("export", "xlsx", out, "--meeting", "2023-09-14", env=english_window)
check("export xlsx exits 0", r.returncode == 0, r.stderr)

db = connect()
actions = db.execute(
    "SELECT t.name, f.name, a.text, a.owner, a.start_date, a.status, a.note FROM action a"
    " JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"
    " ORDER BY t.position, f.position, a.position").fetchall()
status_da = {"planned": "planlagt", "started": "i gang", "done": "gennemført", "dropped": "opgivet"}

wb = openpyxl.load_workbook(out)
figure_numbers = [n for (n,) in db.execute("SELECT number FROM figure ORDER BY number")]
check("sheets in Danish under an English window: Oversigt, Indsatser, Mål, then Figur N",
      wb.sheetnames == ["Oversigt", "Indsatser", "Mål"] + [f"Figur {n}" for n in figure_numbers], wb.sheetnames)

ws = wb["Indsatser"]
header = [c.value for c in ws[1]][:7]
check("the actions' header", header == ["Team", "Fokusområde", "Indsats", "Ansvarlig", "Træder i kraft", "Status", "Note"], header)
rows = [[c.value for c in row][:7] for row in ws.iter_rows(min_row=2, max_row=ws.max_row)]
check("one row per action", len(rows) == len(actions) == 25, len(rows))
same = all(r[0] == a[0] and r[1] == a[1] and r[2] == a[2] and r[3] == a[3] and
           r[4].strftime("%Y-%m-%d") == a[4] and r[5] == status_da[a[5]] and (r[6] or "") == a[6]
           for r, a in zip(rows, actions))
check("every cell matches the database", same)
took_effect = [c.value for c in ws[1]][7]
check("the last column is the day each action took effect", took_effect == "Trådte i kraft", took_effect)
started = db.execute(
    "SELECT a.status, a.started_on FROM action a JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"
    " ORDER BY t.position, f.position, a.position").fetchall()
cells = [row[7] for row in ws.iter_rows(min_row=2, max_row=ws.max_row)]
check("... a date cell for every action that has started, equal to the database, empty for one still planned",
      all((c.value is None) if st is None else (c.is_date and c.value.strftime("%Y-%m-%d") == st
                                               and c.number_format.replace("\\", "") == "dd.mm.yyyy")
          for c, (status, st) in zip(cells, started)) and len(cells) == 25
      and [status for (status, st) in started if st is None] == ["planned"]
      and "2023-03-13" in [st for (status, st) in started]
      and datetime.date.today().isoformat() in [st for (status, st) in started],
      [(c.value, st) for c, (status, st) in zip(cells, started)])
e2 = ws["E2"]
check("start dates are date cells shown as dd.mm.yyyy", e2.is_date and e2.number_format.replace("\\", "") == "dd.mm.yyyy",
      (e2.value, e2.number_format))
table = ws.tables.get("Indsatser")
check("the actions are an Excel table with a filter", table is not None and table.ref == "A1:H26" and table.autoFilter is not None,
      table.ref if table else None)
lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
check("Status has a drop-down of the allowed values",
      len(lists) == 1 and str(lists[0].sqref) == "F2:F26" and lists[0].formula1 == '"planlagt,i gang,gennemført,opgivet"',
      [(dv.sqref, dv.formula1) for dv in lists])
check("the header row is frozen", ws.freeze_panes == "A2", ws.freeze_panes)
# fitToWidth 1 is Excel's default, which writers leave out
check("printed landscape, one page wide", ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (None, 1)
      and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.orientation)
check("the header row repeats on every page", ws.print_title_rows == "$1:$1", ws.print_title_rows)
check("page numbers in the footer", "&P" in (ws.oddFooter.right.text or ""), ws.oddFooter.right.text)
check("text wraps in the action column", ws["C2"].alignment.wrap_text)

note = ws["G3"]
check("a note starting with = stays text, not a formula", note.data_type == "s" and note.value == injection, (note.data_type, note.value))
check("notes starting with +, @ or - stay text",
      all(ws[c].data_type == "s" for c in ("G4", "G5", "G6")) and ws["G6"].value == "-1", [ws[c].value for c in ("G4", "G5", "G6")])

ov = wb["Oversigt"]
values = [[c.value for c in row] for row in ov.iter_rows()]
flat = [v for row in values for v in row if v is not None]
check("the overview names the plan and the jobcentre", "Genopretning af tidlig beskæftigelsesindsats" in flat and "Ishøj Jobcenter" in flat)
check("the overview names the committee and the meeting",
      "Erhvervs- og Beskæftigelsesudvalget, mødet den 14.09.2023" in flat
      and any(row[0] == "Udvalgsmøde" and hasattr(row[1], "year") and row[1].strftime("%Y-%m-%d") == "2023-09-14" for row in values),
      flat[:8])
header_row = next((i for i, row in enumerate(values) if row[0] == "Udløsende indikator"), None)
check("the trigger table's header in Danish",
      header_row is not None and values[header_row][:8] == ["Udløsende indikator", "Område", "Periode", "Seneste værdi", "Grænse",
                                                            "Ændring siden forrige periode", "Ændring siden planen", "I ord"],
      values[header_row] if header_row is not None else None)
trigger_rows = [(i, row) for i, row in enumerate(values) if row[0] and str(row[0]).startswith("Mere end 20%")]
triggers_ok = len(trigger_rows) == 2
for i, row in trigger_rows:
    indicator = db.execute("SELECT i.id FROM plan_trigger t JOIN indicator i ON i.id = t.indicator_id WHERE t.text = ?", (row[0],)).fetchone()
    obs = db.execute("SELECT period, value, preliminary FROM observation WHERE indicator_id = ? AND area = 'Ishøj' AND value IS NOT NULL"
                     " ORDER BY period_key DESC", (indicator[0],)).fetchall()
    at_plan = db.execute("SELECT value FROM observation WHERE indicator_id = ? AND area = 'Ishøj' AND period = '2023M03'",
                         (indicator[0],)).fetchone()[0]
    latest, previous = obs[0], obs[1]
    cells = ov[i + 1]
    triggers_ok &= abs(row[3] - latest[1] / 100) < 1e-12 and abs(row[4] - 0.2) < 1e-12
    triggers_ok &= abs(row[5] - round(latest[1] - previous[1], 1)) < 1e-9 and abs(row[6] - round(latest[1] - at_plan, 1)) < 1e-9
    triggers_ok &= ("*" in cells[3].number_format) == bool(latest[2])
    # the numbers sit on the line of their label: every cell of the row at the top
    triggers_ok &= all(c.alignment.vertical == "top" for c in cells[:8])
    words = row[7]
    triggers_ok &= words.startswith("Under grænsen på 20 % igen: ") and "procentpoint siden planen (mar. 2023)" in words
check("each trigger: latest value, line and changes as numbers equal to the database, and in words, on one line",
      triggers_ok, trigger_rows)
check("the overview marks a preliminary value and explains the star", "* Foreløbige tal" in flat)
late_row = next((i for i, row in enumerate(values) if str(row[0]).startswith("Indsatser, der skulle være trådt i kraft")), None)
late_db = db.execute("SELECT text, owner, start_date FROM action WHERE status = 'planned' AND start_date <= '2023-09-14'"
                     " ORDER BY start_date").fetchall()
late_sheet = []
if late_row is not None:
    for row in values[late_row + 2:]:
        if row[0] is None:
            break
        late_sheet.append((row[0], row[1], row[2].strftime("%Y-%m-%d")))
check("the actions that should have started by the meeting: text, owner, date",
      late_row is not None and values[late_row][0].endswith("inden mødet (14.09.2023)") and late_sheet == late_db and len(late_db) >= 1,
      (late_sheet, late_db))
counts = {row[0]: row[1] for row in values if row[0] in status_da.values()}
db_counts = {status_da[s]: n for s, n in db.execute("SELECT status, count(*) FROM action GROUP BY status")}
check("the overview counts the actions per status", all(counts.get(k, 0) == db_counts.get(k, 0) for k in status_da.values()), (counts, db_counts))

goals = wb["Mål"]
check("the goals sheet lists the 10 goals with their figures",
      goals.max_row == 11 and goals["E8"].value == "Figur 5, Figur 6, Figur 7", (goals.max_row, goals["E8"].value))

MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]


def period_of(label):
    """The canonical period of a Danish label: "aug. 2023" → 2023M08"""
    w = label.split()
    if len(w) == 2 and w[0] in MONTHS:
        return f"{w[1]}M{MONTHS.index(w[0]) + 1:02d}"
    if len(w) == 3 and w[1] == "kvt.":
        return f"{w[2]}Q{w[0][0]}"
    if len(w) == 3 and w[1] == "halvår":
        return f"{w[2]}H{w[0][0]}"
    if len(w) == 5 and w[0] == "år":
        return f"{w[4]}QMAT0{w[2][0]}"
    return label


def expected_series(number):
    """Per series of the figure: {period: (value, preliminary)} from the database"""
    series = db.execute("SELECT s.indicator_id, s.area FROM figure_series s JOIN figure f ON f.id = s.figure_id"
                        " WHERE f.number = ? ORDER BY s.position", (number,)).fetchall()
    return [{p: (v, pre) for p, v, pre in db.execute(
        "SELECT period, value, preliminary FROM observation WHERE indicator_id = ? AND area = ? AND value IS NOT NULL",
        (ind, area))} for ind, area in series]


def table_of(rows):
    """The figure's table in rows of text or numbers: from the header row to the first empty row"""
    start = next(i for i, row in enumerate(rows) if row and row[0] in ("Periode", "Period"))
    table = []
    for row in rows[start + 1:]:
        if not row or row[0] in (None, ""):
            break
        table.append(row)
    return start, table


def compare_table(number, table, as_number):
    """Every value of the table equals the database; every value in the database for those periods is there"""
    expected = expected_series(number)
    shown = 0
    for row in table:
        period = period_of(row[0])
        for s, values in enumerate(expected):
            cell = row[s + 1] if s + 1 < len(row) else None
            value = as_number(cell)
            if period in values:
                shown += 1
                if value is None or abs(value - values[period][0] * scale[number]) > 1e-9:
                    return f"Figur {number}, {row[0]}, series {s + 1}: {cell!r} against {values[period][0]}"
            elif value is not None:
                return f"Figur {number}, {row[0]}, series {s + 1}: {cell!r} where the database has nothing"
    periods = {period_of(row[0]) for row in table}
    missing = sum(1 for values in expected for p in values if p in periods)
    return None if missing == shown and shown > 0 else f"Figur {number}: {shown} shown of {missing}"


def read_number(text):
    """A number as a reader wrote it to CSV: 0.283, 28.3%, 28,3 %"""
    if text is None:
        return None
    text = text.strip().replace("\xa0", "").replace(" ", "")
    if not text:
        return None
    percent = text.endswith("%")
    text = text.rstrip("%*").replace(",", ".")
    try:
        return float(text) / 100 if percent else float(text)
    except ValueError:
        return None


scale = {}
images_ok = no_native = True
problems = []
prelim_ok = True
for n in figure_numbers:
    fs = wb[f"Figur {n}"]
    rows = [[c.value for c in row] for row in fs.iter_rows()]
    start, table = table_of(rows)
    first_value = fs.cell(start + 2, 2)
    scale[n] = 0.01 if "%" in first_value.number_format else 1
    images_ok &= len(fs._images) == 1 and fs._images[0].anchor._from.row < start
    no_native &= len(fs._charts) == 0
    problem = compare_table(n, table, lambda v: v if isinstance(v, (int, float)) else None)
    if problem:
        problems.append(problem)
    # a preliminary value is marked with a star, and the sheet says what the star means
    expected = expected_series(n)
    any_prelim = False
    for r, row in enumerate(table):
        for s, values in enumerate(expected):
            p = values.get(period_of(row[0]))
            if p:
                starred = '"*"' in fs.cell(start + 2 + r, s + 2).number_format
                prelim_ok &= starred == bool(p[1])
                any_prelim |= bool(p[1])
    flat = [v for row in rows for v in row if v is not None]
    prelim_ok &= ("* Foreløbige tal" in flat) == any_prelim
check("each figure sheet shows Indsats' drawing once, above its table", images_ok)
check("without --native-charts no native chart", no_native)
check("openpyxl: every number of every figure equals the database", not problems, problems)
check("preliminary values are starred, and the note says * Foreløbige tal", prelim_ok)
check("percentages shown the Danish way, with a space before %",
      wb["Figur 12"].cell(table_of([[c.value for c in r] for r in wb["Figur 12"].iter_rows()])[0] + 2, 2).number_format == "0.0\\ %")
f15_rows = [[c.value for c in row] for row in wb["Figur 15"].iter_rows()]
f15_start, f15_table = table_of(f15_rows)
check("Figur 15: the threshold as its own column", f15_rows[f15_start][2] == "Grænse 20 %" and abs(f15_table[0][2] - 0.2) < 1e-12,
      f15_rows[f15_start])

props = wb.properties
check("document properties: title, subject, company",
      props.title == "Genopretning af tidlig beskæftigelsesindsats" and props.subject == "Erhvervs- og Beskæftigelsesudvalget",
      (props.title, props.subject))
import zipfile
app = zipfile.ZipFile(out).read("docProps/app.xml").decode()
check("the company is the jobcentre", "<Company>Ishøj Jobcenter</Company>" in app)

# Gnumeric's ssconvert
if shutil.which("ssconvert"):
    target = os.path.join(TMP, "gnumeric.csv")
    p = subprocess.run(["ssconvert", "-S", "-T", "Gnumeric_stf:stf_assistant", "-O", "separator=; format=preserve", out, target], capture_output=True, text=True)
    sheets = sorted(glob.glob(target + ".*"))
    check("ssconvert reads the workbook, one CSV per sheet", p.returncode == 0 and len(sheets) == 3 + len(figure_numbers), p.stderr[-300:])
    if sheets:
        with open(target + ".1", encoding="utf-8") as f:
            g = list(csv.reader(f, delimiter=";"))
        check("ssconvert: the actions' texts, dates as dd.mm.yyyy and statuses",
              g[1][2] == actions[0][2] and g[1][4] == "22.09.2022" and g[1][5] == "i gang" and g[2][6] == injection, g[1:3])
    raw = os.path.join(TMP, "gnumeric-raw.csv")
    p = subprocess.run(["ssconvert", "-S", "-T", "Gnumeric_stf:stf_assistant", "-O", "separator=; format=raw", out, raw],
                       capture_output=True, text=True)
    problems = []
    for k, n in enumerate(figure_numbers):
        with open(f"{raw}.{3 + k}", encoding="utf-8") as f:
            problem = compare_table(n, table_of(list(csv.reader(f, delimiter=";")))[1], read_number)
        if problem:
            problems.append(problem)
    check("ssconvert: every number of every figure equals the database", p.returncode == 0 and not problems, problems or p.stderr[-300:])
else:
    check("ssconvert is installed", False)

# LibreOffice
office = shutil.which("soffice") or shutil.which("libreoffice")
if office:
    profile = os.path.join(TMP, "lo-profile")
    p = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1',
                        "--outdir", TMP, out], capture_output=True, text=True, timeout=180)
    sheet_csv = os.path.join(TMP, "udvalg-Indsatser.csv")
    check("LibreOffice converts each sheet to CSV", p.returncode == 0 and os.path.exists(sheet_csv), p.stderr[-300:] + p.stdout[-300:])
    if os.path.exists(sheet_csv):
        with open(sheet_csv, encoding="utf-8") as f:
            lo = list(csv.reader(f, delimiter=";"))
        check("LibreOffice: 25 actions with their texts and dates",
              len(lo) == 26 and lo[25][2] == actions[24][2] and lo[1][4] == "22.09.2022" and lo[2][6] == injection, lo[1][:5])
    ov_csv = os.path.join(TMP, "udvalg-Oversigt.csv")
    if os.path.exists(ov_csv):
        with open(ov_csv, encoding="utf-8") as f:
            text = f.read()
        check("LibreOffice: the overview shows the threshold as 20,0 % or 20.0 %", "20.0 %" in text or "20,0 %" in text, text[:400])
    # the values themselves rather than as shown (as shown, 1,234 could be either)
    raw_dir = os.path.join(TMP, "lo-raw")
    p = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1',
                        "--outdir", raw_dir, out], capture_output=True, text=True, timeout=180)
    problems = []
    for n in figure_numbers:
        path = os.path.join(raw_dir, f"udvalg-Figur {n}.csv")
        if not os.path.exists(path):
            problems.append(f"no {path}")
            continue
        with open(path, encoding="utf-8") as f:
            problem = compare_table(n, table_of(list(csv.reader(f, delimiter=";")))[1], read_number)
        if problem:
            problems.append(problem)
    check("LibreOffice: every number of every figure equals the database", p.returncode == 0 and not problems, problems or p.stderr[-300:])
else:
    check("LibreOffice is installed", False)

# Excel's own charts, when asked for: styled like the figure, over the same axis range
native = os.path.join(TMP, "native.xlsx")
r = run("export", "xlsx", native, "--native-charts")
nb = openpyxl.load_workbook(native)
check("with --native-charts each figure sheet has one native chart and still one picture",
      r.returncode == 0 and all(len(nb[f"Figur {n}"]._charts) == 1 and len(nb[f"Figur {n}"]._images) == 1 for n in figure_numbers),
      r.stderr)
zf = zipfile.ZipFile(native)
chart_xml = {}
for name in zf.namelist():
    if name.startswith("xl/charts/chart"):
        chart_xml[name] = zf.read(name).decode()
f15_chart = next((x for x in chart_xml.values() if "Figur 15." in x), "")
svg = os.path.join(TMP, "f15.svg")
run("figure", "render", "15", svg)
with open(svg, encoding="utf-8") as f:
    ticks = [float(t.replace(",", ".").replace(" %", "")) for t in re.findall(r">(-?[0-9]+(?:,[0-9]+)?) %</text>", f.read())]
axis_min = re.search(r'<c:valAx>.*?<c:min val="([^"]+)"', f15_chart, re.S)
axis_max = re.search(r'<c:valAx>.*?<c:max val="([^"]+)"', f15_chart, re.S)
check("the native chart's value axis spans the figure's ticks",
      ticks and axis_min and axis_max and abs(float(axis_min.group(1)) - ticks[0] / 100) < 1e-9
      and abs(float(axis_max.group(1)) - ticks[-1] / 100) < 1e-9,
      (ticks, axis_min and axis_min.group(1), axis_max and axis_max.group(1)))
check("the native chart: the figure's colour, a dashed threshold, Danish percentages",
      'val="0072B2"' in f15_chart and 'prstDash val="dash"' in f15_chart
      and re.search(r'formatCode="0(\.0+)?\\ %"', f15_chart),
      f15_chart[:300])

f11_chart = next((x for x in chart_xml.values() if "Figur 11." in x), "")
check("Figur 11, one period of bars: one bar per area in its colour, named on the axis, as in the figure",
      f11_chart.count("<c:ser>") == 1 and f11_chart.count("<c:dPt>") == 4 and 'val="E69F00"' in f11_chart
      and "<c:legend>" not in f11_chart and '<c:orientation val="maxMin"/>' in f11_chart, f11_chart[:400])

# English when asked for
english = os.path.join(TMP, "english.xlsx")
r = run("export", "xlsx", english, "--language", "en", env={"LANGUAGE": "da"})
eb = openpyxl.load_workbook(english)
check("--language en: English sheets and headers, even when the window speaks Danish",
      r.returncode == 0 and eb.sheetnames[:4] == ["Overview", "Actions", "Goals", "Figure 1"]
      and [c.value for c in eb["Actions"][1]][:2] == ["Team", "Focus Area"], eb.sheetnames[:4])
r = run("export", "xlsx", english, "--language", "sv")
check("--language sv: wrong usage, exit 2", r.returncode == 2 and "da or en" in r.stderr, r.stderr)
r = run("export", "xlsx", english, "--meeting", "14.09.2023")
check("--meeting with a date that is not ISO: wrong usage, exit 2", r.returncode == 2 and "YYYY-MM-DD" in r.stderr, r.stderr)

# Text longer than a cell holds: refused where it is entered, never dropped from the workbook
long_note = "".join(f"Linje {i}: opfølgning på samtaler. " for i in range(1400))
assert len(long_note) > 32767
before = db.execute("SELECT note FROM action WHERE id = 6").fetchone()[0]
r = run("actions", "edit", "6", "--note", long_note)
after = db.execute("SELECT note FROM action WHERE id = 6").fetchone()[0]
check("a note longer than a cell holds is refused with a clear message, and nothing changes",
      r.returncode == 1 and "32767" in r.stderr and "note" in r.stderr and after == before, r.stderr)
db.execute("UPDATE action SET note = ? WHERE id = 7", (long_note,))
db.commit()
split = os.path.join(TMP, "split.xlsx")
r = run("export", "xlsx", split)
sb = openpyxl.load_workbook(split)
cell = next((c for row in sb["Indsatser"].iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("Linje 0:")), None)
pieces = [row[3] for row in sb["Lange tekster"].iter_rows(min_row=4, values_only=True)] if "Lange tekster" in sb.sheetnames else []
check("a stored text too long for a cell: the cell says so, and the whole text is on the sheet Lange tekster",
      r.returncode == 0 and cell is not None and len(cell.value) <= 32767 and "Lange tekster" in cell.value
      and long_note.startswith(cell.value.split("…")[0]) and "".join(pieces) == long_note and "Lange tekster" in r.stderr,
      (r.stderr, cell.value[-120:] if cell else None, len(pieces)))
db.execute("UPDATE action SET note = '' WHERE id = 7")
db.commit()

# An unwritable target, and an existing target replaced only on success
r = run("export", "xlsx", os.path.join(TMP, "no", "such", "folder", "x.xlsx"))
check("an unwritable target exits 1 with a clear message",
      r.returncode == 1 and "Cannot write" in r.stderr and "no/such/folder/x.xlsx" in r.stderr, r.stderr)
existing = os.path.join(TMP, "existing.xlsx")
with open(existing, "wb") as f:
    f.write(b"the committee's old workbook")
db.execute("UPDATE figure SET period_from = '2023M01', period_to = '2023Q4' WHERE number = 9")
db.commit()
r = run("export", "xlsx", existing)
with open(existing, "rb") as f:
    kept = f.read() == b"the committee's old workbook"
leftovers = [n for n in os.listdir(TMP) if n.startswith(".existing.xlsx")]
check("a failed export exits 1 and leaves the existing file untouched, with no temporary file",
      r.returncode == 1 and kept and not leftovers, (r.returncode, r.stderr, leftovers))
db.execute("UPDATE figure SET period_from = '2022M08', period_to = '2023M08' WHERE number = 9")
db.commit()
r = run("export", "xlsx", existing)
check("a successful export replaces it", r.returncode == 0 and zipfile.is_zipfile(existing), r.stderr)

if os.environ.get("KEEP_EXPORT_DIR"):
    print("# kept in", TMP)
else:
    shutil.rmtree(TMP, ignore_errors=True)
for i, (ok, description, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {description}")
    if not ok and detail != "":
        print(f"# {detail!r}"[:2000])
print(f"1..{len(results)}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
