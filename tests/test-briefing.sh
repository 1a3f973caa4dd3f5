#!/bin/bash
# The committee briefing: snapshots, what changed since one, and the PDF.
# Prints TAP.
set -u
indsats=${INDSATS:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg"

n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
check() { # check DESCRIPTION CONDITION...
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d" "rc=$rc" "out: ${out:0:300}" "err: $err"; fi
}
run() { # run ARGS...: sets out, err, rc
  out=$("$indsats" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err")
}
has_line() { grep -qxF "$1" <<<"$out"; }

db="$tmp/d.db"
sick="Sygedagpenge, 6 mdr. uden fire samtaler"
run demo --database "$db"

# Snapshots
run snapshot list --database "$db"
check "snapshot list of a fresh plan is the header alone" test "$rc" -eq 0 -a "$out" = "$(printf 'name\tdate\tcreated')"
run snapshot create "March meeting" --date 2023-03-14 --database "$db"
check "snapshot create exits 0 and prints nothing" test "$rc" -eq 0 -a -z "$out"
run snapshot create "Udvalgsmøde juni" --date 14.06.2023 --database "$db"
check "snapshot create takes a Danish date and name" test "$rc" -eq 0
run snapshot list --database "$db"
check "snapshot list has both, the older meeting first" \
  test "$(cut -f1,2 <<<"$out")" = "$(printf 'name\tdate\nMarch meeting\t2023-03-14\nUdvalgsmøde juni\t2023-06-14')"
check "snapshot list says when each was made" grep -qP '^March meeting\t2023-03-14\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$' <<<"$out"
run snapshot list --format json --database "$db"
check "snapshot list json has name, date and created" /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.argv[1])
assert [x["name"] for x in r] == ["March meeting", "Udvalgsmøde juni"], r
assert sorted(r[0]) == ["created", "date", "name"], r' "$out"
run snapshot create "March meeting" --database "$db"
check "a second snapshot by the same name fails with exit 1" test "$rc" -eq 1
check "and says which name and what to do" grep -q '^indsats snapshot create: .*“March meeting”.*choose another name' <<<"$err"
run snapshot create "Bad date" --date 2023-02-30 --database "$db"
check "an impossible date is refused with exit 1, naming --date" test "$rc" -eq 1 -a -n "$(grep '^indsats snapshot create: --date' <<<"$err")"
run snapshot create " " --database "$db"
check "a blank name is refused" test "$rc" -eq 1
run snapshot create --database "$db"
check "snapshot create without a name is wrong usage" test "$rc" -eq 2
run snapshot rename x --database "$db"
check "an unknown snapshot subcommand is wrong usage" test "$rc" -eq 2
run snapshot list --database "$db"
check "failed creates added nothing" test "$(tail -n +2 <<<"$out" | wc -l)" -eq 2

# Nothing changed yet: the trigger indicators alone, then and now the same
run changes --since "March meeting" --database "$db"
check "changes exits 0" test "$rc" -eq 0
check "changes has the header kind, id, what, old, new" test "$(head -1 <<<"$out")" = "$(printf 'kind\tid\twhat\told\tnew')"
check "with nothing changed, no action rows" test -z "$(grep -P '^action\t' <<<"$out")"
check "the trigger's latest value then and now" has_line "$(printf 'indicator\t%s\tvalue\t16.5\t16.5' "$sick")"
check "the trigger's latest period then and now" has_line "$(printf 'indicator\t%s\tperiod\t2023M06\t2023M06' "$sick")"

# Change a status, an owner and a date, add one action, delete one, import a new month
planned=$("$indsats" actions list --database "$db" | awk -F'\t' '$7 == "planned" { print $1; exit }')
"$indsats" actions edit "$planned" --status done --owner "Teamleder" --start 2023-04-03 --database "$db" >/dev/null
"$indsats" actions edit 3 --started-on 2023-03-01 --database "$db" >/dev/null
added=$("$indsats" actions add --team Job-team --focus "Ny fokus" --owner Leder --start 2023-09-01 \
          --text "Opfølgning på nye ledige" --database "$db")
removed=$("$indsats" actions list --database "$db" | awk -F'\t' -v p="$planned" 'NR > 1 && $1 != p { print $1; exit }')
removed_text=$("$indsats" actions list --database "$db" | awk -F'\t' -v r="$removed" '$1 == r { print $4 }')
"$indsats" actions delete "$removed" --database "$db" >/dev/null
printf 'indicator,area,period,value\n"%s",Ishøj,2023M07,12.3\n' "$sick" >"$tmp/july.csv"
"$indsats" import "$tmp/july.csv" --database "$db" >/dev/null

run changes --since "March meeting" --database "$db"
check "changes after edits exits 0" test "$rc" -eq 0
check "the new status" has_line "$(printf 'action\t%s\tstatus\tplanned\tdone' "$planned")"
check "the new owner" grep -qP "^action\t$planned\towner\t[^\t]+\tTeamleder$" <<<"$out"
check "the moved start" grep -qP "^action\t$planned\tstart_date\t2023-\d\d-\d\d\t2023-04-03$" <<<"$out"
check "the added action" has_line "$(printf 'action\t%s\tadded\t\tOpfølgning på nye ledige' "$added")"
check "the removed action, with its text" has_line "$(printf 'action\t%s\tremoved\t%s\t' "$removed" "$removed_text")"
check "the new month's value" has_line "$(printf 'indicator\t%s\tvalue\t16.5\t12.3' "$sick")"
check "the new month's period" has_line "$(printf 'indicator\t%s\tperiod\t2023M06\t2023M07' "$sick")"
check "the day an action took effect, as the meeting knew it and now" has_line "$(printf 'action\t3\tstarted_on\t2023-02-27\t2023-03-01')"
check "no other action changed" test "$(grep -cP '^action\t' <<<"$out")" -eq 6

run changes --since "March meeting" --format json --database "$db"
check "changes json has the same rows, with null for none" /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.argv[1])
assert all(sorted(x) == ["id", "kind", "new", "old", "what"] for x in r), r
assert {"kind": "action", "id": sys.argv[2], "what": "added", "old": None, "new": "Opfølgning på nye ledige"} in r, r
assert {"kind": "action", "id": sys.argv[4], "what": "status", "old": "planned", "new": "done"} in r, r
assert len(r) == len(sys.argv[3].splitlines()) - 1' "$out" "$added" "$(${indsats} changes --since "March meeting" --database "$db")" "$planned"

run changes --since "No such meeting" --database "$db"
check "an unknown snapshot fails with exit 1 and points to snapshot list" \
  test "$rc" -eq 1 -a -n "$(grep '^indsats changes: .*“No such meeting”.*indsats snapshot list' <<<"$err")"
run changes --database "$db"
check "changes without --since is wrong usage" test "$rc" -eq 2 -a -n "$(grep '^indsats changes: --since' <<<"$err")"

# The briefing as a PDF: A4, text that can be searched, fonts embedded, bookmarks
run export pdf "$tmp/briefing.pdf" --since "March meeting" --meeting 2023-09-12 --database "$db"
check "export pdf exits 0" test "$rc" -eq 0 -a -s "$tmp/briefing.pdf"
info=$(pdfinfo "$tmp/briefing.pdf")
check "the briefing is A4 portrait" grep -q '^Page size: *595.276 x 841.89 pts (A4)' <<<"$info"
pages=$(awk '/^Pages:/ { print $2 }' <<<"$info")
check "the briefing has a cover, the triggers, actions, changes and goals: at least 8 pages" test "$pages" -ge 8
check "its title is the plan's" grep -q '^Title: *Genopretning af tidlig beskæftigelsesindsats$' <<<"$info"
check "its author is the jobcentre" grep -q '^Author: *Ishøj Jobcenter$' <<<"$info"
fonts=$(pdffonts "$tmp/briefing.pdf" | tail -n +3)
check "it has fonts, every one embedded" test -n "$fonts" -a -z "$(awk '$(NF-4) != "yes"' <<<"$fonts")"
text=$(pdftotext "$tmp/briefing.pdf" -)
cover=$(pdftotext -f 1 -l 1 "$tmp/briefing.pdf" - | tr '\n' ' ')
check "the cover names the plan, the jobcentre and the meeting" \
  grep -qE "Genopretning af tidlig beskæftigelsesindsats Ishøj Jobcenter Status til udvalgsmødet 12\. september 2023" <<<"$cover"
check "every page is numbered of the whole, in Danish" test "$(grep -cE "^Side [0-9]+ af $pages\$" <<<"$text")" -eq "$pages"
check "the cover gives the meeting's date as a letter does" grep -qx "Status til udvalgsmødet 12. september 2023" <<<"$text"
check "the actions are there with owner and start, in Danish" \
  grep -qF "Hvem effektuerer: Teamleder · Træder i kraft: 03.04.2023 · Status: Gennemført" <<<"$text"
check "a started action says the day it took effect beside the day it was to" \
  grep -qF "Træder i kraft: 27.02.2023 · Trådte i kraft: 27.02.2023 · Status: I gang" <<<"$(tr '\n' ' ' <<<"$text")"
check "a planned action whose start has passed is marked late" \
  grep -qF "Træder i kraft: 01.09.2023 · Status: Planlagt Forsinket: ikke startet" <<<"$(tr '\n' ' ' <<<"$text")"
check "the new day an action took effect is told since the meeting" grep -qF "trådte i kraft 01.03.2023 (før 27.02.2023)" <<<"$(tr '\n' ' ' <<<"$text")"
check "the new action is told since the meeting" grep -qF "Ny indsats: „Opfølgning på nye ledige“" <<<"$text"
check "the trigger's new value is told since the meeting, with Danish decimals" \
  grep -qF "$sick, Ishøj: 12,3 % nu, 16,5 % ved mødet" <<<"$(tr '\n' ' ' <<<"$text")"
check "the status change is told with the Danish words" \
  grep -qF "status ændret fra Planlagt til Gennemført" <<<"$(tr '\n' ' ' <<<"$text")"
check "the goals' sections as in the status paper" \
  test "$(grep -xE 'Ministermål|Lokale fokusmål|Strategiske pejlemærker' <<<"$text" | tr '\n' '|')" = "Ministermål|Lokale fokusmål|Strategiske pejlemærker|"
check "a ministerial goal numbered as in the status paper" grep -qx "1. Alle ledige skal have en værdig sagsbehandling" <<<"$text"
check "a local focus goal under its title alone" grep -qx "Unge under 30 år" <<<"$text"
check "no English word of the program's own" test -z "$(grep -E 'Page [0-9]|Carried out|Takes effect|Ministerial|Late: not' <<<"$text")"
# The same Danish text whatever the locale and the language the window speaks
for env in "LC_ALL=C LANGUAGE=" "LC_ALL=C LANGUAGE=en" "LC_ALL=C.UTF-8 LANGUAGE=da"; do
  env $env "$indsats" export pdf "$tmp/other.pdf" --since "March meeting" --meeting 2023-09-12 --database "$db"
  check "the same text under $env" test "$(pdftotext "$tmp/other.pdf" -)" = "$text"
done
# Each figure starts and ends on one page: its heading and its source line together
split=""
for p in $(seq 1 "$pages"); do
  page=$(pdftotext -f "$p" -l "$p" "$tmp/briefing.pdf" -)
  if [ "$(grep -c '^Figur [0-9]*\.' <<<"$page")" -ne "$(grep -c '^Kilde:' <<<"$page")" ]; then split="$split $p"; fi
done
check "no figure is split across pages" test -z "$split"
check "the briefing shows the figures" test "$(grep -c '^Figur [0-9]*\.' <<<"$text")" -ge 10
bookmarks=$(/usr/bin/python3 -c '
import re, sys
data = open(sys.argv[1], "rb").read().decode("latin-1")
for obj in data.split("endobj"):
    if "/Parent" not in obj:
        continue
    m = re.search(r"/Title (\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>)", obj)
    if not m:
        continue
    t = m.group(1)
    if t[0] == "<":
        b = bytes.fromhex(t[1:-1])
        print(b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1"))
    else:
        print(t[1:-1].encode("latin-1").decode("utf-8", "replace"))' "$tmp/briefing.pdf")
check "bookmarks for the sections" test -n "$(grep -x 'De udløsende nøgletal' <<<"$bookmarks")" \
  -a -n "$(grep -x 'Indsatserne' <<<"$bookmarks")" -a -n "$(grep -x 'Målene' <<<"$bookmarks")" \
  -a -n "$(grep -x 'Siden udvalgsmødet 14.03.2023' <<<"$bookmarks")"
check "bookmarks for the kinds of goal and each goal" test -n "$(grep -x 'Lokale fokusmål' <<<"$bookmarks")" \
  -a -n "$(grep -x '2. Flere ledige skal opkvalificeres' <<<"$bookmarks")"
check "bookmarks for the teams" test -n "$(grep -x 'Sygedagpengeteam' <<<"$bookmarks")"

if [ -n "${LOCPATH:-}" ]; then
  LC_ALL=da_DK.UTF-8 LANGUAGE=da "$indsats" export pdf "$tmp/dansk.pdf" --since "March meeting" --meeting 2023-09-12 --database "$db"
  check "the same text under da_DK.UTF-8 with the window in Danish" test "$(pdftotext "$tmp/dansk.pdf" -)" = "$text"
fi

run export pdf "$tmp/x.pdf" --since "No such meeting" --database "$db"
check "an unknown --since fails with exit 1 and writes nothing" test "$rc" -eq 1 -a ! -e "$tmp/x.pdf"
run export pdf "$tmp/x.pdf" --meeting 2023-13-01 --database "$db"
check "a bad --meeting fails with exit 1, naming it" test "$rc" -eq 1 -a -n "$(grep '^indsats export: --meeting' <<<"$err")"
run export pdf "$tmp/x.txt" --database "$db"
check "a name not ending in .pdf is wrong usage" test "$rc" -eq 2
mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
if [ ! -w "$tmp/ro" ]; then
  run export pdf "$tmp/ro/b.pdf" --database "$db"
  check "a folder that cannot be written to fails with exit 1, naming the file" \
    test "$rc" -eq 1 -a -n "$(grep -F "$tmp/ro/b.pdf" <<<"$err")"
fi
chmod u+w "$tmp/ro"

# The workbook's sheet of what changed since the meeting, read back as Excel would
python=/usr/bin/python3
run export xlsx "$tmp/book.xlsx" --since "March meeting" --database "$db"
check "export xlsx --since exits 0" test "$rc" -eq 0 -a -s "$tmp/book.xlsx"
check "the workbook has the sheet “Siden sidste møde” with the changes since the meeting" $python -c '
import datetime, re, sys, openpyxl
path, planned, added, sick = sys.argv[1:5]
wb = openpyxl.load_workbook(path)
assert "Siden sidste møde" in wb.sheetnames, wb.sheetnames
assert wb.sheetnames.index("Siden sidste møde") == wb.sheetnames.index("Mål") + 1, wb.sheetnames
ws = wb["Siden sidste møde"]
assert ws["A1"].value == "Siden udvalgsmødet 14.03.2023", ws["A1"].value
assert re.fullmatch(r"Øjebliksbillede „March meeting“, taget \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d", ws["A2"].value), ws["A2"].value
assert [c.value for c in ws[4]] == ["Indsats eller nøgletal", "Hvad ændrede sig", "Ved mødet", "Nu", "I ord"]
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
status = [r for r in rows if r[1] == "Status"]
assert len(status) == 1 and status[0][2:4] == ["planlagt", "gennemført"], status
assert "status ændret fra Planlagt til Gennemført" in status[0][4], status
start = [r for r in rows if r[1] == "Træder i kraft"]
assert len(start) == 1 and start[0][3] == datetime.datetime(2023, 4, 3), start
new = [r for r in rows if r[1] == "Tilføjet"]
assert len(new) == 1 and new[0][0] == "Opfølgning på nye ledige" and new[0][3] == "Opfølgning på nye ledige", new
assert len([r for r in rows if r[1] == "Fjernet"]) == 1, rows
value = [r for r in rows if r[0] == sick + ", Ishøj" and r[1] == "Seneste værdi"]
assert len(value) == 1 and value[0][2:4] == [0.165, 0.123], value
assert ws.cell(row=5 + rows.index(value[0]), column=4).number_format == "0.0\\ %"
period = [r for r in rows if r[0] == sick + ", Ishøj" and r[1] == "Periode"]
assert period[0][2:4] == ["jun. 2023", "jul. 2023"], period
' "$tmp/book.xlsx" "$planned" "$added" "$sick"
run export xlsx "$tmp/newest.xlsx" --database "$db"
check "without --since, the sheet tells the changes since the newest meeting" $python -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Siden sidste møde"]
assert ws["A1"].value == "Siden udvalgsmødet 14.06.2023", ws["A1"].value' "$tmp/newest.xlsx"
run export xlsx "$tmp/english.xlsx" --language en --since "March meeting" --database "$db"
check "an English workbook names the sheet and its words in English, as its other sheets" $python -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert "Since the last meeting" in wb.sheetnames and "Goals" in wb.sheetnames, wb.sheetnames
ws = wb["Since the last meeting"]
assert ws["A1"].value == "Since the committee meeting of 14.03.2023", ws["A1"].value
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
assert any(r[1] == "Status" and r[2:4] == ["planned", "done"] for r in rows), rows' "$tmp/english.xlsx"
run export xlsx "$tmp/none.xlsx" --since "No such meeting" --database "$db"
check "an unknown --since for the workbook fails with exit 1, names it, and writes nothing" \
  test "$rc" -eq 1 -a ! -e "$tmp/none.xlsx" -a -n "$(grep -F '“No such meeting”' <<<"$err")"
"$indsats" demo --database "$tmp/fresh.db" >/dev/null
run export xlsx "$tmp/fresh.xlsx" --database "$tmp/fresh.db"
check "a plan without a marked meeting gets no sheet of changes" $python -c '
import sys, openpyxl
names = openpyxl.load_workbook(sys.argv[1]).sheetnames
assert "Siden sidste møde" not in names and "Mål" in names, names' "$tmp/fresh.xlsx"

# A plan of many long actions: every action's text and owner there once, and
# no line cut at a page's edge: each word is in the body, the header or the foot
long="$tmp/long.db"
"$indsats" demo --database "$long" >/dev/null
for i in $(seq 1 37); do
  # the last one is longer than a page: it breaks between its lines
  n_words=$((40 + i * 3)); [ "$i" -eq 37 ] && n_words=1100
  words=$(for w in $(seq 1 "$n_words"); do printf 'ord%s_%s ' "$i" "$w"; done)
  "$indsats" actions add --team "Team $((i % 3))" --focus "Fokus $((i % 5))" \
    --owner "Teamleder og fagkoordinator for hold $i sammen med virksomhedskonsulenterne i Ishøj og Brøndby" \
    --start 2023-10-01 --text "Indsats $i: ${words% }." --database "$long" >/dev/null
done
run export pdf "$tmp/long.pdf" --meeting 2023-09-12 --database "$long"
check "a briefing of many long actions exits 0" test "$rc" -eq 0
check "every long action's text is there once, whole, and its owner with it" $python -c '
import re, subprocess, sys
text = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True, check=True).stdout
# the running header and the page number stand between a text split over two pages
frame = re.compile(r"^(Side \d+ af \d+|Genopretning af tidlig beskæftigelsesindsats|Ishøj Jobcenter)$")
flat = " ".join(" ".join(l for l in text.splitlines() if not frame.match(l.strip())).split())
for i in range(1, 38):
    words = " ".join("ord%d_%d" % (i, w) for w in range(1, (1100 if i == 37 else 40 + i * 3) + 1))
    whole = "Indsats %d: %s." % (i, words)
    assert flat.count(whole) == 1, (i, flat.count(whole))
    owner = "Teamleder og fagkoordinator for hold %d sammen med virksomhedskonsulenterne i Ishøj og Brøndby" % i
    assert flat.count(owner) == 1, (i, "owner")
' "$tmp/long.pdf"
check "no line is cut at a page's edge: every word lies in the body, the header or the foot" $python -c '
import re, subprocess, sys
html = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True, check=True).stdout
top, bottom = 70.0, 841.89 - 64.0
bad, n = [], 0
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)</word>", html):
    y0, y1 = float(m.group(2)), float(m.group(4))
    n += 1
    header, foot = y1 <= top - 15, y0 >= bottom + 15
    body = y0 >= top - 1 and y1 <= bottom + 1
    if not (header or foot or body):
        bad.append((m.group(5), y0, y1))
assert n > 5000, n
assert not bad, bad[:5]
' "$tmp/long.pdf"
pages_long=$(pdfinfo "$tmp/long.pdf" | awk '/^Pages:/ { print $2 }')
check "the long plan's actions run over several pages, each numbered" \
  test "$pages_long" -gt 14 -a "$(pdftotext "$tmp/long.pdf" - | grep -cE "^Side [0-9]+ af $pages_long\$")" -eq "$pages_long"

# Deleting a snapshot forgets it and nothing else
run snapshot delete "March meeting" --database "$db"
check "snapshot delete exits 0" test "$rc" -eq 0
run snapshot list --database "$db"
check "the deleted snapshot is gone, the other stays" test "$(tail -n +2 <<<"$out" | cut -f1)" = "Udvalgsmøde juni"
check "the plan's actions are untouched" test "$(sqlite3 "$db" 'SELECT count(*) FROM action')" -eq 25
check "the copy is gone with it" test "$(sqlite3 "$db" 'SELECT count(*) FROM snapshot_action')" -eq 25
run snapshot delete "March meeting" --database "$db"
check "deleting it again fails with exit 1" test "$rc" -eq 1

echo "1..$n"
[ "$failures" -eq 0 ]
