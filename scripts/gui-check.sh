#!/usr/bin/env bash
# Builds the real desktop app (cgo, GLFW/OpenGL) and starts it under a
# virtual X server for a few seconds, to prove the GUI builds and opens a
# window; with ImageMagick's `import` it also saves a screenshot of the real
# window (Mesa's software OpenGL). Needs, on Debian:
#   apt-get install -y gcc libgl1-mesa-dev xorg-dev libxkbcommon-dev xvfb
# Usage: scripts/gui-check.sh [screenshot.png]   (default: no screenshot)
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${1:-}
bin=$(mktemp -d)/transferlab
echo "== go build (cgo; the first build takes several minutes)"
go build -o "$bin" .
tmp=$(mktemp -d)
cat > "$tmp/run.sh" <<INNER
#!/usr/bin/env bash
# Inside xvfb-run: an empty cache and home, so nothing of the user's is used.
export HOME="$tmp/home" TRANSFERLAB_CACHE="$tmp/cache" LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "\$HOME"
"$bin" > "$tmp/gui.log" 2>&1 &
pid=\$!
sleep 8
if ! kill -0 \$pid 2>/dev/null; then
  echo "FAIL: the app exited within 8 seconds"; cat "$tmp/gui.log"; exit 1
fi
echo "ok: the app is running with a window (pid \$pid)"
if [ -n "$shot" ] && command -v import >/dev/null; then
  import -window root "$shot" && echo "saved $shot"
fi
kill \$pid; wait \$pid 2>/dev/null || true
INNER
chmod +x "$tmp/run.sh"
echo "== start under Xvfb"
xvfb-run -a -s "-screen 0 1100x760x24" "$tmp/run.sh"
rm -rf "$tmp" "$(dirname "$bin")"
