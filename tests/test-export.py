#!/usr/bin/python3
"""The committee's workbook, read back by readers no one here wrote: openpyxl,
Gnumeric's ssconvert and LibreOffice. Prints TAP."""
import csv
import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

INDSATS = os.environ["INDSATS"]
TMP = tempfile.mkdtemp(prefix="indsats-export-")
DB = os.path.join(TMP, "plan.db")
results = []


def check(description, condition, detail=""):
    results.append((bool(condition), description, detail))


def run(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([INDSATS, *args, "--database", DB], capture_output=True, text=True, env=e)


danish = {"LANGUAGE": "da", "LANG": "C.UTF-8"}
run("demo")
injection = '=HYPERLINK("http://example.invalid","Klik her")'
run("actions", "edit", "2", "--note", injection)
run("actions", "edit", "3", "--note", "+45 12 34 56 78")
run("actions", "edit", "4", "--note", "@SUM(A1:A2)")
run("actions", "edit", "5", "--note", "-1")
out = os.path.join(TMP, "udvalg.xlsx")
r = run("export", "xlsx", out, env=danish)
check("export xlsx exits 0", r.returncode == 0, r.stderr)

db = sqlite3.connect(DB)
actions = db.execute(
    "SELECT t.name, f.name, a.text, a.owner, a.start_date, a.status, a.note FROM action a"
    " JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"
    " ORDER BY t.position, f.position, a.position").fetchall()
status_da = {"planned": "planlagt", "started": "i gang", "done": "gennemført", "dropped": "opgivet"}

wb = openpyxl.load_workbook(out)
figure_numbers = [n for (n,) in db.execute("SELECT number FROM figure ORDER BY number")]
check("sheets in Danish: Oversigt, Indsatser, Mål, then Figur N",
      wb.sheetnames == ["Oversigt", "Indsatser", "Mål"] + [f"Figur {n}" for n in figure_numbers], wb.sheetnames)

ws = wb["Indsatser"]
header = [c.value for c in ws[1]][:7]
check("the actions' header", header == ["Team", "Fokus", "Indsats", "Ansvarlig", "Træder i kraft", "Status", "Note"], header)
rows = [[c.value for c in row][:7] for row in ws.iter_rows(min_row=2, max_row=ws.max_row)]
check("one row per action", len(rows) == len(actions) == 25, len(rows))
same = all(r[0] == a[0] and r[1] == a[1] and r[2] == a[2] and r[3] == a[3] and
           r[4].strftime("%Y-%m-%d") == a[4] and r[5] == status_da[a[5]] and (r[6] or "") == a[6]
           for r, a in zip(rows, actions))
check("every cell matches the database", same)
e2 = ws["E2"]
check("start dates are date cells shown as dd.mm.yyyy", e2.is_date and e2.number_format.replace("\\", "") == "dd.mm.yyyy",
      (e2.value, e2.number_format))
table = ws.tables.get("Indsatser")
check("the actions are an Excel table with a filter", table is not None and table.ref == "A1:G26" and table.autoFilter is not None,
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
trigger_rows = [row for row in values if row[0] and str(row[0]).startswith("Mere end 20%")]
check("the overview has both triggers with threshold and latest value",
      len(trigger_rows) == 2 and all(abs(row[1] - 0.2) < 1e-9 and row[2] is not None for row in trigger_rows), trigger_rows)
counts = {row[0]: row[1] for row in values if row[0] in status_da.values()}
db_counts = {status_da[s]: n for s, n in db.execute("SELECT status, count(*) FROM action GROUP BY status")}
check("the overview counts the actions per status", all(counts.get(k, 0) == db_counts.get(k, 0) for k in status_da.values()), (counts, db_counts))

goals = wb["Mål"]
check("the goals sheet lists the 10 goals with their figures",
      goals.max_row == 11 and goals["E8"].value == "Figur 5, Figur 6, Figur 7", (goals.max_row, goals["E8"].value))

charts_ok = images_ok = True
for n in figure_numbers:
    fs = wb[f"Figur {n}"]
    charts_ok &= len(fs._charts) == 1
    images_ok &= len(fs._images) == 1
check("each figure sheet has a native chart", charts_ok)
check("each figure sheet has Indsats' drawing as a picture", images_ok)
f12 = wb["Figur 12"]
header = [c.value for c in f12[5]][:4]
check("Figur 12: periods down, areas across", header == ["Periode", "Ishøj", "Brøndby", "Hele landet"], header)
last = f12.max_row
db12 = dict(db.execute("SELECT o.area, o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                       " WHERE i.name = 'Aktiveringsgrad, aktivitetsparate kontanthjælpsmodtagere' AND o.period = '2023M08'"))
check("Figur 12: the numbers as numbers, percent as percent",
      f12.cell(last, 1).value == "aug. 2023" and abs(f12.cell(last, 2).value - db12["Ishøj"] / 100) < 1e-12
      and f12.cell(last, 2).number_format == "0.0%" and abs(f12.cell(last, 3).value - 0.124) < 1e-12,
      (f12.cell(last, 1).value, f12.cell(last, 2).value, f12.cell(last, 2).number_format))
f15 = wb["Figur 15"]
check("Figur 15: the threshold as its own column", f15.cell(5, 3).value == "Grænse 20 %" and abs(f15.cell(6, 3).value - 0.2) < 1e-12,
      f15.cell(5, 3).value)
check("a missing value is an empty cell", wb["Figur 3"].max_row >= 6)
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
        check("LibreOffice: the overview shows the threshold as 20.0%", "20.0%" in text or "20,0%" in text, text[:400])
else:
    check("LibreOffice is installed", False)

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
check("in English the sheets are named in English",
      openpyxl.load_workbook(existing).sheetnames[:3] == ["Overview", "Actions", "Goals"])

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
