#!/usr/bin/env bash
# Runs every test: unit, loopback, SQLite, browser (headless Chromium), Bicep and workflow checks.
# Installs Debian's Chromium and chromedriver first when they are missing (the only non-Java
# prerequisite; Node.js/npm come with the machine, and the build runs `npm ci` for the infra checks
# and for the Cosmos DB test server in test-support/cosmos-server).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-driver for the dashboard's browser tests..." >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

exec ./mvnw -B verify "$@"
