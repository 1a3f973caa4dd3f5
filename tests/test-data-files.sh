#!/bin/bash
# The files under data/ and flatpak/, checked by the tools that read them. Prints TAP.
set -u
src=${INDSATS_SOURCE_ROOT:?}
build=${INDSATS_BUILD_ROOT:?}
n=0
failures=0
result() { # result DESCRIPTION STATUS OUTPUT
  n=$((n + 1))
  if [ "$2" -eq 0 ]; then echo "ok $n - $1"; else failures=$((failures + 1)); echo "not ok $n - $1"; printf '%s\n' "$3" | sed 's/^/# /'; fi
}

out=$(desktop-file-validate "$build/data/dk.indsats.Indsats.desktop" 2>&1); result "desktop-file-validate" $? "$out"
out=$(appstream-util validate-relax --nonet "$build/data/dk.indsats.Indsats.metainfo.xml" 2>&1); result "appstream-util validate-relax" $? "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=$(glib-compile-schemas --strict --targetdir="$tmp" "$src/data" 2>&1); result "glib-compile-schemas --strict" $? "$out"

# the icon is a real, scalable SVG that draws something
out=$(/usr/bin/python3 - "$src/data/icons/dk.indsats.Indsats.svg" "$src/data/icons/dk.indsats.Indsats-symbolic.svg" <<'PY' 2>&1
import sys, xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    assert root.get("viewBox"), "no viewBox"
    assert len(list(root.iter())) > 3, "empty drawing"
PY
); result "the app icons are SVG drawings" $? "$out"
if command -v rsvg-convert >/dev/null; then
  out=$(rsvg-convert -w 128 -h 128 "$src/data/icons/dk.indsats.Indsats.svg" -o "$tmp/icon.png" 2>&1 &&
        /usr/bin/python3 -c "
import sys
data = open('$tmp/icon.png','rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
" 2>&1); result "the app icon renders" $? "$out"
fi

# the Flatpak manifest parses, names the app, builds libxlsxwriter and libpq first and then Indsats with meson
out=$(/usr/bin/python3 - "$src/flatpak/dk.indsats.Indsats.json" <<'PY' 2>&1
import json, sys
m = json.load(open(sys.argv[1]))
assert m["id"] == "dk.indsats.Indsats", m.get("id")
assert m["command"] == "indsats"
assert m["runtime"] == "org.gnome.Platform" and m["sdk"] == "org.gnome.Sdk"
names = [mod["name"] for mod in m["modules"]]
assert names == ["libxlsxwriter", "libpq", "indsats"], names
assert m["modules"][2]["buildsystem"] == "meson"
src = m["modules"][0]["sources"][0]
assert "RELEASE_1.1.4" in src["url"] and len(src.get("sha512", "")) == 128
src = m["modules"][1]["sources"][0]
assert "postgresql-15." in src["url"] and len(src.get("sha256", "")) == 64
PY
); result "the Flatpak manifest parses and names the app" $? "$out"

# the translation is complete
out=$(msgfmt --check --statistics -o /dev/null "$src/po/da.po" 2>&1)
status=$?
case "$out" in *untranslated*|*fuzzy*) status=1;; esac
result "po/da.po is complete: $out" $status "$out"

# Danish text quotes the Danish way, „so“, never with the English closing mark ”
out=$(msgattrib --no-obsolete "$src/po/da.po" | awk '/^msgstr/ {on = 1} /^(msgid|msgctxt|#)/ {on = 0} on && /”/' )
[ -z "$out" ]; result "po/da.po quotes with „…“ in its Danish text" $? "$out"
out=$(msgattrib --no-obsolete "$src/po/da.po" | grep -c '^msgstr.*„')
[ "$out" -gt 10 ]; result "... and it has quotations" $? "$out"

# every translatable source is listed for gettext
missing=""
while read -r f; do
  grep -qx "$f" "$src/po/POTFILES.in" || missing="$missing $f"
done < <(cd "$src" && grep -lE '\b_\(|translatable="yes"|N_\(|C_\(' src/*/*.c src/*.c ui/*.ui 2>/dev/null)
[ -z "$missing" ]; result "po/POTFILES.in lists every translatable file" $? "missing:$missing"

echo "1..$n"
[ "$failures" -eq 0 ]
