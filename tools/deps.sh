# Sourced by tools/run and tools/test: installs the Debian packages Causeway needs.
# Usage: cw_install_packages build|test

CW_BUILD_PACKAGES="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libxml2-dev
  desktop-file-utils appstream"
CW_TEST_PACKAGES="xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools at-spi2-core
  python3 python3-gi python3-pyatspi gir1.2-atspi-2.0 imagemagick clang libclang-rt-14-dev
  awscli"

cw_install_packages () {
  local wanted="$CW_BUILD_PACKAGES"
  [ "$1" = test ] && wanted="$wanted $CW_TEST_PACKAGES"
  local missing=""
  for p in $wanted; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Causeway needs these Debian packages:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    return 1
  fi
  echo "Installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
