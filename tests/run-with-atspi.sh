#!/bin/bash
# Runs a test with the accessibility bus of this D-Bus session started.
launcher=$(ls /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher 2>/dev/null | head -1)
if [ -n "$launcher" ]; then
  "$launcher" --launch-immediately >/dev/null 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null' EXIT
  sleep 1
fi
"$@"
