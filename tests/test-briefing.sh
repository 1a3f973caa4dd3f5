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
check "the cover names the plan, the jobcentre and the meeting" \
  grep -q "12.09.2023" <<<"$(pdftotext -f 1 -l 1 "$tmp/briefing.pdf" -)"
check "every page is numbered of the whole" test "$(grep -cE "^Page [0-9]+ of $pages\$" <<<"$text")" -eq "$pages"
check "the actions are there with owner and start" grep -qF "Carried out by: Teamleder · Takes effect: 03.04.2023 · Status: Done" <<<"$text"
check "a started action says the day it took effect beside the day it was to" \
  grep -qF "Takes effect: 27.02.2023 · Started: 27.02.2023 · Status: Started" <<<"$(tr '\n' ' ' <<<"$text")"
check "a planned action whose start has passed is marked late" \
  grep -qF "Takes effect: 01.09.2023 · Status: Planned Late: not started" <<<"$(tr '\n' ' ' <<<"$text")"
check "the new day an action took effect is told since the meeting" grep -qF "started on 01.03.2023 (was 27.02.2023)" <<<"$(tr '\n' ' ' <<<"$text")"
check "the new action is told since the meeting" grep -qF "New action: “Opfølgning på nye ledige”" <<<"$text"
check "the trigger's new value is told since the meeting" grep -qF "$sick, Ishøj: 12.3 % now, 16.5 % at the meeting" <<<"$(tr '\n' ' ' <<<"$text" | sed 's/,\([0-9]\)/.\1/g')"
check "a goal's status text is there" grep -q "Ministerial Goal 1: Alle ledige skal have en" <<<"$text"
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
check "bookmarks for the sections" test -n "$(grep -x 'The trigger indicators' <<<"$bookmarks")" \
  -a -n "$(grep -x 'The actions' <<<"$bookmarks")" -a -n "$(grep -x 'The goals' <<<"$bookmarks")" \
  -a -n "$(grep -x 'Since the committee meeting of 14.03.2023' <<<"$bookmarks")"
check "bookmarks for the teams" test -n "$(grep -x 'Sygedagpengeteam' <<<"$bookmarks")"

if [ -n "${LOCPATH:-}" ]; then
  LANGUAGE=da "$indsats" export pdf "$tmp/dansk.pdf" --since "March meeting" --meeting 2023-09-12 --database "$db"
  dansk=$(pdftotext "$tmp/dansk.pdf" -)
  check "in Danish: Siden udvalgsmødet DATE" grep -q "^Siden udvalgsmødet 14.03.2023$" <<<"$dansk"
  check "in Danish: Side N af M" grep -q "^Side 1 af [0-9]*$" <<<"$dansk"
  check "in Danish: who carries it out, when it takes effect" grep -qF "Hvem effektuerer: Teamleder · Træder i kraft: 03.04.2023" <<<"$dansk"
  check "in Danish: when it took effect" \
    grep -qF "Træder i kraft: 27.02.2023 · Trådte i kraft: 27.02.2023 · Status: I gang" <<<"$(tr '\n' ' ' <<<"$dansk")"
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
