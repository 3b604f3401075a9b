#!/usr/bin/env bash
# The password store "smtprc-passwords": a credential store (the PKCS12 file smtprc-passwords.p12 beside
# standalone-full.xml) for the passwords the server presents to others, referred to as
# credential-reference={store=smtprc-passwords, alias=ALIAS}, so that no configuration file, command line or
# process listing holds them:
#   smtprc-db-password      the PostgreSQL password (postgresql-datasource.cli)
#   smtprc-https-key-store  the password of the HTTPS key store (https-only.cli); a random one is made here
#
#   password-store.sh JBOSS_HOME [--base-dir DIR] [--add ALIAS]...
#
# Creates the store when it is missing (run secrets.cli first: the store's own password is random and the
# configuration keeps it only as an encrypted expression of the "smtprc" resolver). Each --add ALIAS stores the
# secret read from one line of standard input, replacing an older one, e.g.
#   read -rs -p 'PostgreSQL password: ' pw; printf '%s\n' "$pw" | password-store.sh "$JBOSS_HOME" --add smtprc-db-password
# Ends by making the secret files readable by their owner only (chmod 600): WildFly rewrites a store with the
# process's umask whenever it changes, so run this again after changing a store by other means (or run WildFly
# with umask 077). Safe to re-run; the server must not be running (it edits the configuration offline).
set -euo pipefail
umask 077

home="${1:?usage: password-store.sh JBOSS_HOME [--base-dir DIR] [--add ALIAS]...}"
shift
base="$home/standalone"
aliases=()
while [ $# -gt 0 ]; do
    case "$1" in
    --base-dir) base="$2"; shift 2 ;;
    --add) aliases+=("$2"); shift 2 ;;
    *) echo "password-store.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
config="$base/configuration"
store=/subsystem=elytron/credential-store=smtprc-passwords

random() {
    head -c 24 /dev/urandom | base64 | tr '+/' '-_'
}

# A CLI value in double quotes: backslashes and quotes escaped.
quoted() {
    local value="${1//\\/\\\\}"
    printf '"%s"' "${value//\"/\\\"}"
}

# Runs CLI commands offline against the configuration in $base. They come through a pipe, never a file or the
# command line, and the output is only shown on failure, without the lines that carry a secret.
cli() {
    local output
    if ! output=$(printf '%s\n' 'embed-server --server-config=standalone-full.xml --std-out=discard' "$@" \
            'stop-embedded-server' | JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.base.dir=$base" \
            "$home/bin/jboss-cli.sh" --file=/dev/stdin 2>&1); then
        printf '%s\n' "$output" | grep -v -e 'secret-value' -e 'clear-text' >&2
        echo "password-store.sh: the CLI failed on $config" >&2
        return 1
    fi
    printf '%s\n' "$output"
}

commands=()
if ! grep -q 'credential-store name="smtprc-passwords"' "$config/standalone-full.xml"; then
    expression=$(cli "/subsystem=elytron/expression=encryption:create-expression(resolver=smtprc, clear-text=$(quoted "$(random)"))" \
        | grep -o '\${ENC::smtprc:[A-Za-z0-9+/=]*}' || true)
    if [ -z "$expression" ]; then
        echo "password-store.sh: no encrypted expression from the smtprc resolver: run secrets.cli first" >&2
        exit 1
    fi
    commands+=("$store:add(path=smtprc-passwords.p12, relative-to=jboss.server.config.dir, create=true, credential-reference={clear-text=$(quoted "$expression")})"
        "$store:add-alias(alias=smtprc-https-key-store, secret-value=$(quoted "$(random)"))")
fi
for alias in "${aliases[@]}"; do
    IFS= read -r secret || { echo "password-store.sh: no secret on standard input for $alias" >&2; exit 1; }
    commands+=("try" "$store:add-alias(alias=$alias, secret-value=$(quoted "$secret"))"
        "catch" "$store:set-secret(alias=$alias, secret-value=$(quoted "$secret"))" "end-try")
done
if [ ${#commands[@]} -gt 0 ]; then
    cli "${commands[@]}" >/dev/null
fi
for file in smtprc-secrets.cs smtprc-passwords.p12 smtprc-https.p12; do
    if [ -f "$config/$file" ]; then
        chmod 600 "$config/$file"
    fi
done
