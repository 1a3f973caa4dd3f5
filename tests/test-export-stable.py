#!/usr/bin/python3
"""The committee's workbook is the same bytes however its pictures were drawn:
exported twice on several threads and once on one, every part of the three
zips is identical but for the time docProps/core.xml records. Prints TAP."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

INDSATS = os.environ["INDSATS"]
TMP = tempfile.mkdtemp(prefix="indsats-stable-")
DB = os.path.join(TMP, "plan.db")
results = []


def check(description, condition, detail=""):
    results.append((bool(condition), description, detail))


def run(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([INDSATS, *args, "--database", DB], capture_output=True, text=True, env=e)


run("demo")
# more figures than one batch of pictures (32), so that batches follow each
# other too; each of another indicator and set of areas than its neighbour
series = [line.split("\t") for line in run("series", "list").stdout.splitlines()[1:]]
indicators = sorted({s[0] for s in series})
areas = sorted({s[1] for s in series})
for k in range(24):
    r = run("figure", "add", "--title", f"Udvikling {k + 1}", "--indicator", indicators[k % len(indicators)],
            "--areas", ",".join(areas[(k % 3):(k % 3) + 2] or areas[:1]), "--kind", ["line", "column", "bar"][k % 3])
    if r.returncode != 0:
        check(f"figure add {k + 1} exits 0", False, r.stderr)
n_figures = len(run("figure", "list").stdout.splitlines()) - 1
check("the plan has more figures than one batch of pictures", n_figures > 32, n_figures)


def export(name, threads):
    path = os.path.join(TMP, name)
    env = {"INDSATS_THREADS": threads} if threads else {}
    r = run("export", "xlsx", path, "--meeting", "2023-09-14", env=env)
    check(f"export xlsx ({'INDSATS_THREADS=' + threads if threads else 'one thread per processor'}) exits 0",
          r.returncode == 0, r.stderr)
    return path


def parts(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def timeless(data):
    # the moment of the export, which core.xml records in created and modified
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rb"\1\3", data)


books = {
    "four threads": export("a.xlsx", "4"),
    "four threads again": export("b.xlsx", "4"),
    "one thread": export("c.xlsx", "1"),
    "the default": export("d.xlsx", None),
}
first_name, first = next(iter(books.items()))
first_parts = parts(first)
pictures = [(n, d) for n, d in first_parts if n.startswith("xl/media/")]
check("the workbook holds one PNG picture per figure",
      len(pictures) == n_figures and all(d[:8] == b"\x89PNG\r\n\x1a\n" for _, d in pictures),
      (len(pictures), n_figures))
pictures_distinct = len({d for _, d in pictures}) == len(pictures)
check("... each picture of its own figure (no two alike)", pictures_distinct)
core = dict(first_parts).get("docProps/core.xml", b"")
check("core.xml records when the workbook was made", re.search(rb"<dcterms:created[^>]*>\d{4}-", core), core[:300])

for name, path in list(books.items())[1:]:
    other = parts(path)
    check(f"{name}: the same parts in the same order as {first_name}",
          [n for n, _ in other] == [n for n, _ in first_parts], [n for n, _ in other][:5])
    differ = [n for (n, a), (_, b) in zip(first_parts, other)
              if (timeless(a) != timeless(b) if n == "docProps/core.xml" else a != b)]
    check(f"{name}: every part byte for byte as with {first_name} (core.xml but its times)", not differ, differ)

shutil.rmtree(TMP, ignore_errors=True)
for i, (ok, description, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {description}")
    if not ok and detail != "":
        print(f"# {detail!r}"[:2000])
print(f"1..{len(results)}")
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
