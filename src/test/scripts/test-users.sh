#!/usr/bin/env bash
# The users the system tests, the demo and the benchmark log in as (see org.smtprc.it.TestUsers):
#   test-users.sh JBOSS_HOME CONFIG_DIR [CONFIG_DIR...]
set -euo pipefail
home="$1"; shift
for config in "$@"; do
    "$home/bin/add-user.sh" -a -s -sc "$config" -u smtprc-operator -p 'Operator-pw-1' -g operator
    "$home/bin/add-user.sh" -a -s -sc "$config" -u smtprc-viewer -p 'Viewer-pw-1' -g viewer
    "$home/bin/add-user.sh" -a -s -sc "$config" -u smtprc-nobody -p 'Nobody-pw-1' -g none
done
