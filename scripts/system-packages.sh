#!/bin/sh
# The Debian packages the browser and PDF tests and `tism print` need: Chromium (headless, driven by
# Playwright; no browser is downloaded) and poppler-utils (pdftotext, pdfinfo). Installed with apt-get
# when this runs as root; otherwise one line says what to install. Usage: system-packages.sh
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq $missing >/dev/null
  exit 0
fi
echo "make: the tests need Debian packages that are missing:$missing; install them with: sudo apt-get install$missing" >&2
exit 1
