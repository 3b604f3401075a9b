#!/usr/bin/env bash
# Real mail servers from the OS packages for the system tests (org.smtprc.mta.RealMtaLab runs them).
#   mta.sh install   install whatever is missing, start nothing, print the versions (idempotent)
#   mta.sh versions  print the versions only
#
# Postfix, postgrey and Cyrus SASL (sasldb, for Postfix AUTH) are installed with apt-get. Debian's
# exim4-daemon-light cannot be installed beside postfix (both conflict with mail-transport-agent), so its .deb
# (and exim4-base's) is fetched with `apt-get download` and unpacked with `dpkg-deb -x` under $EXIM_ROOT; its
# libraries are installed with apt-get and its system user Debian-exim is created the way exim4-base does.
# No package's daemon is started: a policy-rc.d that denies starts is in place during apt-get (the one already
# there is kept), and any daemon a package still started is stopped by its pid. /etc/postfix/main.cf is not
# created or changed (the lab gives every instance its own config directory).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
EXIM_ROOT="${SMTPRC_EXIM_ROOT:-/opt/smtprc-mta/exim4}"
EXIM="$EXIM_ROOT/usr/sbin/exim4"
APT_PACKAGES=(postfix postgrey sasl2-bin libsasl2-modules libsasl2-modules-db openssl iproute2)
# exim4-daemon-light's own Depends (Debian 12), minus exim4-base/debconf which the unpacked copy does not need
EXIM_LIBS=(libc6 libcrypt1 libdb5.3 libgnutls-dane0 libgnutls30 libidn12 libidn2-0 libnsl2 libpcre2-8-0)

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

updated=no
apt_update_once() {
    if [ "$updated" = no ]; then
        apt-get update -qq >/dev/null
        updated=yes
    fi
}

# pids of the distro daemons a package might have started (not the lab's: those run with -c / -C options)
distro_daemons() {
    pgrep -x master -d ' ' 2>/dev/null | tr ' ' '\n' | while read -r pid; do
        [ -n "$pid" ] && [ -f /var/spool/postfix/pid/master.pid ] \
            && [ "$(tr -d ' ' </var/spool/postfix/pid/master.pid)" = "$pid" ] && echo "$pid"
    done
    [ -f /run/postgrey.pid ] && cat /run/postgrey.pid
    [ -f /run/saslauthd/saslauthd.pid ] && cat /run/saslauthd/saslauthd.pid
    true
}

install() {
    local missing=() p
    for p in "${APT_PACKAGES[@]}" "${EXIM_LIBS[@]}"; do
        installed "$p" || missing+=("$p")
    done
    local before
    before="$(distro_daemons | sort)"
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "mta.sh: installing ${missing[*]}"
        apt_update_once
        echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
        local own_policy=no
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\n# mta.sh: no daemon starts during package installation\nexit 101\n' >/usr/sbin/policy-rc.d
            chmod 755 /usr/sbin/policy-rc.d
            own_policy=yes
        fi
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
            [ "$own_policy" = yes ] && rm -f /usr/sbin/policy-rc.d
            exit 1
        }
        [ "$own_policy" = yes ] && rm -f /usr/sbin/policy-rc.d
    fi
    if [ ! -x "$EXIM" ]; then
        echo "mta.sh: unpacking exim4-daemon-light into $EXIM_ROOT"
        apt_update_once
        local tmp
        tmp="$(mktemp -d)"
        chmod 755 "$tmp"
        (cd "$tmp" && apt-get download -qq exim4-daemon-light exim4-base 2>/dev/null)
        mkdir -p "$EXIM_ROOT.new"
        for deb in "$tmp"/*.deb; do
            dpkg-deb -x "$deb" "$EXIM_ROOT.new"
        done
        rm -rf "$tmp" "$EXIM_ROOT"
        mv "$EXIM_ROOT.new" "$EXIM_ROOT"
    fi
    if ! getent passwd Debian-exim >/dev/null; then
        adduser --system --group --quiet --home /var/spool/exim4 --no-create-home --disabled-login \
            --force-badname Debian-exim
    fi
    # stop whatever daemon the packages started after all (by pid; never the lab's own instances)
    local pid
    for pid in $(distro_daemons | sort | comm -13 <(echo "$before") -); do
        echo "mta.sh: stopping daemon $pid started by a package"
        kill "$pid" 2>/dev/null || true
    done
}

versions() {
    local tmp
    tmp="$(mktemp -d)"
    : >"$tmp/main.cf"; : >"$tmp/master.cf"   # postconf wants a main.cf; the default /etc/postfix/main.cf may not exist
    echo "postfix:  $(postconf -c "$tmp" -h mail_version)"
    printf 'exim_path = %s\nkeep_environment =\n' "$EXIM" >"$tmp/exim.conf"
    echo "exim:     $("$EXIM" -C "$tmp/exim.conf" -bV 2>/dev/null | head -n 1) ($EXIM)"
    echo "postgrey: $(postgrey --version)"
    rm -rf "$tmp"
}

case "${1:-install}" in
install)
    install
    versions
    ;;
versions)
    versions
    ;;
*)
    echo "usage: mta.sh install|versions" >&2
    exit 2
    ;;
esac
