#!/bin/sh
# Installs the Debian packages vidcost needs to build and test, when some are missing.
set -eu
PACKAGES="g++ clang-14 libclang-rt-14-dev cmake make libboost-dev libcli11-dev libtomlplusplus-dev libfmt-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev libedit-dev libbsd-dev libmd-dev libncurses-dev librsvg2-bin libglpk-dev dpkg-dev chromium"
missing=""
for package in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "vidcost needs these Debian packages:$missing (run as root, or install them)" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
