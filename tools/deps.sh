# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by tools/run and tools/test: installs the Debian 12 packages Causeway needs.
# Usage: cw_install_packages run|test

CW_RUN_PACKAGES="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libxml2-dev
  desktop-file-utils appstream adwaita-icon-theme dconf-gsettings-backend gnome-keyring"
CW_TEST_PACKAGES="xvfb xauth x11-xserver-utils x11-utils dbus dbus-x11 libsecret-tools at-spi2-core
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 imagemagick clang libclang-rt-14-dev
  awscli curl scdoc man-db bash-completion"

cw_install_packages () {
  local wanted="$CW_RUN_PACKAGES"
  [ "$1" = test ] && wanted="$wanted $CW_TEST_PACKAGES"
  # Node.js and npm run the HCL2 parser of the Terraform export's test. A Node.js from
  # elsewhere serves as well (NodeSource's brings its own npm and conflicts with Debian's).
  if [ "$1" = test ]; then
    command -v node >/dev/null || wanted="$wanted nodejs"
    command -v npm >/dev/null || wanted="$wanted npm"
  fi
  local missing=""
  for p in $wanted; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "Causeway needs these Debian packages:$missing" >&2
      echo "Install them as root with: apt-get install$missing" >&2
      return 1
    fi
    sudo=sudo
  fi
  echo "Installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# The HCL2 parser that reads the Terraform export (tests/integration/test_terraform_export.py),
# at the versions its lock file pins. Installed only when absent or older than the lock file.
CW_HCL2JSON_DIR=tests/integration/hcl2json

cw_install_node_modules () {
  [ "$CW_HCL2JSON_DIR/node_modules/.package-lock.json" -nt "$CW_HCL2JSON_DIR/package-lock.json" ] && return 0
  echo "Installing the npm packages of $CW_HCL2JSON_DIR"
  npm ci --prefix "$CW_HCL2JSON_DIR" --no-audit --no-fund --loglevel=error >/dev/null
}
