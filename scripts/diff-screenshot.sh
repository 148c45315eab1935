#!/usr/bin/env bash
# Makes docs/diff.png: `fixnews --diff` on the real damaged article, in a real terminal (xterm)
# under a virtual X server, captured with ImageMagick.
# Needs Debian's xvfb xterm imagemagick fonts-wqy-zenhei, and a built fixnews (npm install).
set -euo pipefail
cd "$(dirname "$0")/.."
display=:97
Xvfb "$display" -screen 0 1200x720x24 >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" xterm -geometry 110x28+0+0 -fa 'DejaVu Sans Mono' -fd 'WenQuanYi Zen Hei Mono' -fs 12 -bg '#1e1e1e' -fg '#dddddd' \
  -e bash -c 'printf "$ fixnews article.txt --diff\n"; node bin/fixnews.js fixtures/seed/000_46e0885f6e841ee3.txt --diff --color | sed -n "25,44p"; sleep 4' &
sleep 3
DISPLAY="$display" import -window root -crop 1000x520+0+0 +repage docs/diff.png
echo "wrote docs/diff.png"
