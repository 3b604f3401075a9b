#!/usr/bin/env bash
# Makes WildFly's HA configuration, standalone-full-ha.xml, an SmtpRC cluster node (README "Cluster"), beside the
# standalone-full.xml the other scripts configure:
#
#   full-ha.sh JBOSS_HOME SCRIPTS
#
# SCRIPTS is the comma-separated list of wildfly-config scripts applied to standalone-full.xml (the pom's
# smtprc.wildfly-config: datasource.cli,job-repository.cli,...). They run here unchanged but for the configuration
# they edit, then secrets.cli, the password store's declaration, postgresql-datasource.cli and cluster.cli, all in one
# CLI run. Run it after the server's own set-up (the scripts, secrets.cli, password-store.sh, the PostgreSQL driver
# module): both configurations then share one token key and one password store, the files beside them. Safe to re-run;
# the server must not be running.
set -euo pipefail
umask 077

home="${1:?usage: full-ha.sh JBOSS_HOME SCRIPTS (comma-separated)}"
list="${2:?usage: full-ha.sh JBOSS_HOME SCRIPTS (comma-separated)}"
here="$(cd "$(dirname "$0")" && pwd)"
config="$home/standalone/configuration"
combined=$(mktemp)
trap 'rm -f "$combined"' EXIT

# One script, as it is but for the configuration file its embed-server opens.
add() {
    sed 's/--server-config=standalone-full\.xml/--server-config=standalone-full-ha.xml/' "$1" >>"$combined"
    printf '\n' >>"$combined"
}

IFS=, read -ra scripts <<<"$list"
for script in "${scripts[@]}" "$here/secrets.cli"; do
    add "$script"
done

# The password store password-store.sh made for standalone-full.xml, declared with the same file and the same
# (encrypted) password: one store serves both configurations.
password=$(sed -n '/<credential-store name="smtprc-passwords"/,/<\/credential-store>/p' "$config/standalone-full.xml" \
    | grep -o 'clear-text="[^"]*"' | head -1 | cut -d'"' -f2)
if [ -z "$password" ]; then
    echo "full-ha.sh: standalone-full.xml has no password store smtprc-passwords: run password-store.sh first" >&2
    exit 1
fi
cat >>"$combined" <<CLI
embed-server --server-config=standalone-full-ha.xml --std-out=discard
if (outcome != success) of /subsystem=elytron/credential-store=smtprc-passwords:read-resource
    /subsystem=elytron/credential-store=smtprc-passwords:add(path=smtprc-passwords.p12, relative-to=jboss.server.config.dir, credential-reference={clear-text="$password"})
end-if
stop-embedded-server
CLI

if [ -f "$home/modules/org/postgresql/main/postgresql.jar" ]; then
    add "$here/postgresql-datasource.cli"
fi
add "$here/cluster.cli"

if ! output=$(JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.base.dir=$home/standalone" "$home/bin/jboss-cli.sh" \
        --file="$combined" 2>&1); then
    printf '%s\n' "$output" >&2
    echo "full-ha.sh: the CLI failed on $config/standalone-full-ha.xml" >&2
    exit 1
fi
echo "full-ha.sh: $config/standalone-full-ha.xml is an SmtpRC cluster node configuration"
