#!/usr/bin/env bash
# Builds TransferLab's installable artifacts into dist/ (git-ignored):
#   transferlab-VERSION-linux-amd64.tar.xz    the app, the CLI, a .desktop file, the icon and a
#                                             Makefile (make install / user-install), as fyne package lays them out
#   transferlab-VERSION-windows-amd64.zip     transferlab-app.exe (GUI subsystem) and transferlab.exe,
#                                             each with the icon and a version resource (mingw-w64's windres)
#   transferlab-VERSION-darwin-amd64.tar.gz   the CLI for Intel Macs
#   transferlab-VERSION-darwin-arm64.tar.gz   the CLI for Apple silicon
#   SHA256SUMS                                sha256sum -c SHA256SUMS checks them
# The macOS app needs Apple's SDK (cgo), so it is built on a Mac: README.md, "Build the installable files".
#
# usage: scripts/release.sh               everything, into dist/
#        scripts/release.sh --cross DIR   only the Windows and macOS executables, into DIR, unpacked:
#                                         test.sh's check that they still build
#
# The version is FyneApp.toml's (internal/version has it too, checked by its
# test). Needs Go, gcc with the OpenGL/X11 headers (README.md) for the Linux
# app, and Debian's gcc-mingw-w64-x86-64 for the Windows app; as root it
# installs the missing Debian packages, as test.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

cross_only=""
if [ "${1:-}" = --cross ]; then
	[ -n "${2:-}" ] || { echo "usage: scripts/release.sh [--cross DIR]"; exit 2; }
	cross_only=$(mkdir -p "$2" && cd "$2" && pwd)
elif [ -n "${1:-}" ]; then
	echo "usage: scripts/release.sh [--cross DIR]"
	exit 2
fi

# need installs Debian packages when a command is missing and we are root.
need() {
	local cmd=$1
	shift
	command -v "$cmd" >/dev/null && return
	if [ "$(id -u)" = 0 ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q "$@" >/dev/null || { apt-get update -q && apt-get install -y -q "$@" >/dev/null; }
	else
		echo "missing $cmd: run  sudo apt-get install -y $*"
		exit 1
	fi
}
need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
need x86_64-w64-mingw32-g++ g++-mingw-w64-x86-64 # the camera's DirectShow driver is C++
need x86_64-w64-mingw32-windres binutils-mingw-w64-x86-64

# detail reads KEY from FyneApp.toml's [Details] table.
detail() {
	awk -v key="$1" '/^\[/ { t = $0 } t == "[Details]" && $1 == key { sub(/^[^=]*= */, ""); gsub(/"/, ""); print }' FyneApp.toml
}
version=$(detail Version)
build=$(detail Build)
name=$(detail Name)
app_id=$(detail ID)
[ -n "$version" ] && [ -n "$build" ] || { echo "FyneApp.toml lacks [Details] Version or Build"; exit 1; }
echo "== TransferLab $version (build $build)"
# internal/version must say the same (go generate ./internal/version).
CGO_ENABLED=0 go test -count=1 -run NumberIsFyneAppToml ./internal/version >/dev/null ||
	{ echo "internal/version differs from FyneApp.toml: run go generate ./internal/version"; exit 1; }

work=$(mktemp -d)
sysos=()
cleanup() {
	rm -rf "$work"
	[ ${#sysos[@]} = 0 ] || rm -f "${sysos[@]}"
}
trap cleanup EXIT

ldflags="-s -w"
gobuild() { nice -n 10 go build -trimpath "$@"; }

# windows_resources writes a .syso with the icon and the version resource
# into package directory $1 (go build links every .syso it finds there; it
# is removed on exit and git-ignored), for executable $2 described as $3.
windows_resources() {
	local dir=$1 exe=$2 description=$3 rc="$work/$2.rc"
	local v=${version//./,},$build
	cat >"$rc" <<-RC
		#include <winver.h>
		1 ICON "$work/icon.ico"
		1 24 "$work/app.manifest"
		1 VERSIONINFO
		FILEVERSION $v
		PRODUCTVERSION $v
		FILEOS VOS_NT_WINDOWS32
		FILETYPE VFT_APP
		BEGIN
		  BLOCK "StringFileInfo"
		  BEGIN
		    BLOCK "040904B0"
		    BEGIN
		      VALUE "CompanyName", "$name"
		      VALUE "FileDescription", "$description"
		      VALUE "FileVersion", "$version.$build"
		      VALUE "InternalName", "$exe"
		      VALUE "OriginalFilename", "$exe.exe"
		      VALUE "ProductName", "$name"
		      VALUE "ProductVersion", "$version"
		    END
		  END
		  BLOCK "VarFileInfo"
		  BEGIN
		    VALUE "Translation", 0x409, 1200
		  END
		END
	RC
	cat >"$work/app.manifest" <<'MANIFEST'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="org.transferlab.app" version="1.0.0.0" processorArchitecture="amd64"/>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">permonitorv2,permonitor</dpiAwareness>
    </windowsSettings>
  </application>
</assembly>
MANIFEST
	x86_64-w64-mingw32-windres -i "$rc" -O coff -o "$dir/zz_release_windows_amd64.syso"
	sysos+=("$dir/zz_release_windows_amd64.syso")
}

# icon_ico packs the icon, drawn at Windows' usual sizes by resources'
# generator, into an .ico of PNG images (Windows Vista and later read them).
icon_ico() {
	local sizes=(16 32 48 256) offset=$((6 + 16 * 4)) s
	le16() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))"; }
	le32() { le16 $(($1 & 65535)); le16 $(($1 >> 16)); }
	for s in "${sizes[@]}"; do
		(cd resources && go run ./cmd/genicon -o "$work/icon-$s.png" -size "$s")
	done
	{
		le16 0; le16 1; le16 ${#sizes[@]}
		for s in "${sizes[@]}"; do
			local n
			n=$(stat -c %s "$work/icon-$s.png")
			printf "\\x$(printf %02x $((s & 255)))\\x$(printf %02x $((s & 255)))\\x00\\x00"
			le16 1; le16 32; le32 "$n"; le32 "$offset"
			offset=$((offset + n))
		done
		for s in "${sizes[@]}"; do cat "$work/icon-$s.png"; done
	} >"$work/icon.ico"
}

# windows builds the app and the CLI into $1.
windows() {
	local out=$1
	echo "== Windows (amd64): the app (cgo, mingw-w64; minutes when cold) and the CLI"
	icon_ico
	windows_resources . transferlab-app "$name"
	windows_resources cmd/transferlab transferlab "$name command line"
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
		gobuild -tags dshow -ldflags "$ldflags -H=windowsgui" -o "$out/transferlab-app.exe" .
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 gobuild -ldflags "$ldflags" -o "$out/transferlab.exe" ./cmd/transferlab
	rm -f "${sysos[@]}"
	sysos=()
}

# macos builds the CLI for arch $1 into $2.
macos() {
	echo "== macOS ($1): the CLI"
	GOOS=darwin GOARCH=$1 CGO_ENABLED=0 gobuild -ldflags "$ldflags" -o "$2/transferlab" ./cmd/transferlab
}

if [ -n "$cross_only" ]; then
	windows "$cross_only"
	mkdir -p "$cross_only/darwin-amd64" "$cross_only/darwin-arm64"
	macos amd64 "$cross_only/darwin-amd64"
	macos arm64 "$cross_only/darwin-arm64"
	file "$cross_only"/*.exe "$cross_only"/darwin-*/transferlab
	exit 0
fi

need zip zip
need xz xz-utils
dist=dist
rm -rf "$dist"
mkdir -p "$dist"
base="transferlab-$version"

echo "== Linux (amd64): the app (cgo) and the CLI"
root="$work/linux/$base"
mkdir -p "$root/usr/local/bin" "$root/usr/local/share/applications" "$root/usr/local/share/icons/hicolor/512x512/apps"
CGO_ENABLED=1 gobuild -ldflags "$ldflags" -o "$root/usr/local/bin/transferlab-app" .
CGO_ENABLED=0 gobuild -ldflags "$ldflags" -o "$root/usr/local/bin/transferlab" ./cmd/transferlab
cp resources/icon.png "$root/usr/local/share/icons/hicolor/512x512/apps/$app_id.png"
cat >"$root/usr/local/share/applications/$app_id.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=$name
GenericName=Picture classifier trainer
Comment=Teach a computer to recognise your own pictures by transfer learning
Exec=transferlab-app
Icon=$app_id
Categories=Education;Science;ArtificialIntelligence;
Keywords=machine learning;transfer learning;image classification;
StartupWMClass=TransferLab
Version=1.5
X-TransferLab-Version=$version
DESKTOP
cat >"$root/Makefile" <<MAKEFILE
# Installs TransferLab from the unpacked tar.xz:
#   sudo make install      into /usr/local (PREFIX=... for elsewhere)
#   make user-install      into ~/.local, for this user only
#   make uninstall / make user-uninstall
PREFIX ?= /usr/local
FILES = bin/transferlab-app bin/transferlab share/applications/$app_id.desktop share/icons/hicolor/512x512/apps/$app_id.png

install:
	for f in \$(FILES); do install -D -m \$\$(case \$\$f in bin/*) echo 755;; *) echo 644;; esac) usr/local/\$\$f \$(DESTDIR)\$(PREFIX)/\$\$f; done
	# menus and icon themes notice the new files sooner where these tools exist
	@update-desktop-database \$(DESTDIR)\$(PREFIX)/share/applications 2>/dev/null || true
	@gtk-update-icon-cache -q -t \$(DESTDIR)\$(PREFIX)/share/icons/hicolor 2>/dev/null || true

user-install:
	\$(MAKE) install PREFIX=\$(HOME)/.local

uninstall:
	for f in \$(FILES); do rm -f \$(DESTDIR)\$(PREFIX)/\$\$f; done

user-uninstall:
	\$(MAKE) uninstall PREFIX=\$(HOME)/.local

.PHONY: install user-install uninstall user-uninstall
MAKEFILE
tar -C "$work/linux" --owner=0 --group=0 -cJf "$dist/$base-linux-amd64.tar.xz" "$base"
staged=("$root/usr/local/bin/transferlab-app" "$root/usr/local/bin/transferlab")

mkdir -p "$work/windows/$base"
windows "$work/windows/$base"
(cd "$work/windows" && zip -q -r "$OLDPWD/$dist/$base-windows-amd64.zip" "$base")
staged+=("$work/windows/$base"/*.exe)

for arch in amd64 arm64; do
	mkdir -p "$work/darwin-$arch/$base"
	macos "$arch" "$work/darwin-$arch/$base"
	tar -C "$work/darwin-$arch" --owner=0 --group=0 -czf "$dist/$base-darwin-$arch.tar.gz" "$base"
	staged+=("$work/darwin-$arch/$base/transferlab")
done

(cd "$dist" && sha256sum -- *.tar.xz *.zip *.tar.gz >SHA256SUMS)
echo "== dist/"
(cd "$dist" && ls -l && cat SHA256SUMS)
echo "== what is inside"
for f in "${staged[@]}"; do
	printf '%s  %s bytes  %s\n' "${f#"$work"/}" "$(stat -c %s "$f")" "$(file -b "$f")"
done
