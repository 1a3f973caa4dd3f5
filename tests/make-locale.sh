#!/bin/sh
# Compiles the Danish locale into a folder of the build, for LOCPATH
set -e
localedef=$1
out=$2
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
"$localedef" -i da_DK -f UTF-8 "$out.tmp/da_DK.UTF-8"
rm -rf "$out"
mv "$out.tmp" "$out"
