# The peer of the workbook benchmarks: Python's XlsxWriter writing the same
# sheets, table and charts as Indsats from the same database, inserting
# pictures Indsats drew beforehand (it draws none itself).
#
#   python3 peer-xlsxwriter.py DATABASE OUT.xlsx PNG_FOLDER
import sqlite3, sys
import xlsxwriter

db = sqlite3.connect(sys.argv[1])
wb = xlsxwriter.Workbook(sys.argv[2])
png_dir = sys.argv[3]
bold = wb.add_format({"bold": True})
header = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True})
wrap = wb.add_format({"text_wrap": True, "valign": "top"})
date = wb.add_format({"num_format": "dd\\.mm\\.yyyy"})
pct = wb.add_format({"num_format": "0.0%"})

plan = db.execute("SELECT id, title, jobcentre FROM plan ORDER BY id LIMIT 1").fetchone()
ov = wb.add_worksheet("Oversigt")
ov.write_string(0, 0, plan[1], bold)
ov.write_string(2, 0, "Jobcenter", bold)
ov.write_string(2, 1, plan[2])
figures = db.execute("SELECT id, number, title, kind, threshold FROM figure ORDER BY number").fetchall()
for i, f in enumerate(figures):
    ov.write_url(5 + i, 0, f"internal:'Figur {f[1]}'!A1", string=f"Figur {f[1]}. {f[2]}")

ws = wb.add_worksheet("Indsatser")
rows = db.execute("SELECT t.name, f.name, a.text, a.owner, a.start_date, a.status, a.note FROM action a"
                  " JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id WHERE t.plan_id = ?"
                  " ORDER BY t.position, f.position, a.position", (plan[0],)).fetchall()
import datetime
for r, row in enumerate(rows, 1):
    for c, v in enumerate(row):
        if c == 4:
            ws.write_datetime(r, c, datetime.datetime.strptime(v, "%Y-%m-%d"), date)
        else:
            ws.write_string(r, c, v or "", wrap)
ws.add_table(0, 0, len(rows), 6, {"name": "Indsatser", "columns": [{"header": h} for h in
             ["Team", "Fokus", "Indsats", "Ansvarlig", "Træder i kraft", "Status", "Note"]]})
ws.data_validation(1, 5, len(rows), 5, {"validate": "list", "source": ["planlagt", "i gang", "gennemført", "opgivet"]})
ws.freeze_panes(1, 0)
ws.set_landscape(); ws.fit_to_pages(1, 0); ws.repeat_rows(0); ws.set_footer("&RSide &P af &N")

goals = wb.add_worksheet("Mål")
for r, g in enumerate(db.execute("SELECT kind, number, title, status_text FROM goal ORDER BY position"), 1):
    for c, v in enumerate(g):
        goals.write(r, c, v if v is not None else "")

for f in figures:
    fid, number, title, kind, threshold = f
    series = db.execute("SELECT s.indicator_id, s.area, i.name FROM figure_series s JOIN indicator i ON i.id = s.indicator_id"
                        " WHERE figure_id = ? ORDER BY position", (fid,)).fetchall()
    sheet = f"Figur {number}"
    fs = wb.add_worksheet(sheet)
    fs.write_string(0, 0, f"Figur {number}. {title}", bold)
    periods = sorted({p for (p,) in db.execute(
        "SELECT DISTINCT period FROM observation WHERE indicator_id IN (%s)" % ",".join(str(s[0]) for s in series))})
    fs.write_string(4, 0, "Periode", header)
    for c, s in enumerate(series, 1):
        fs.write_string(4, c, s[1], header)
        values = dict(db.execute("SELECT period, value FROM observation WHERE indicator_id = ? AND area = ?", (s[0], s[1])))
        for r, p in enumerate(periods, 5):
            fs.write_string(r, 0, p)
            if values.get(p) is not None:
                fs.write_number(r, c, values[p] / 100, pct)
    chart = wb.add_chart({"type": {"line": "line", "column": "column", "bar": "bar"}[kind]})
    for c in range(1, len(series) + 1):
        chart.add_series({"name": [sheet, 4, c], "categories": [sheet, 5, 0, 4 + len(periods), 0],
                          "values": [sheet, 5, c, 4 + len(periods), c]})
    chart.set_title({"name": f"Figur {number}. {title}"})
    chart.set_legend({"position": "bottom"})
    fs.insert_chart(4, len(series) + 3, chart, {"x_scale": 1.4, "y_scale": 1.3})
    fs.insert_image(26, len(series) + 3, f"{png_dir}/figur-{number}.png", {"x_scale": 0.75, "y_scale": 0.75})
wb.close()
