#!/usr/bin/env bash
# A real PostgreSQL on 127.0.0.1:5432 for the system tests (Debian's package; installed when missing).
#   postgres.sh up    install if needed, start the cluster, create a fresh smtprc_test database
#   postgres.sh down  stop the cluster again, if "up" was the one that started it
set -euo pipefail
marker="${SMTPRC_PG_MARKER:-target/postgres-started-by-tests}"
db="${SMTPRC_PG_DB:-smtprc_test}"

cluster() {
    pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1, $2, $4}'
}

case "${1:-up}" in
up)
    if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(cluster)" ]; then
        echo "postgres.sh: installing PostgreSQL from the OS packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq postgresql >/dev/null
    fi
    read -r version name status <<<"$(cluster)"
    if [ "$status" != "online" ]; then
        pg_ctlcluster "$version" "$name" start
        mkdir -p "$(dirname "$marker")" && echo "$version $name" >"$marker"
    fi
    su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smtprc') THEN
    CREATE ROLE smtprc LOGIN PASSWORD 'smtprc';
  END IF;
END \$\$;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER smtprc;
SQL
    echo "postgres.sh: PostgreSQL $version/$name on 127.0.0.1:5432, fresh database $db"
    ;;
down)
    if [ -f "$marker" ]; then
        read -r version name <"$marker"
        pg_ctlcluster "$version" "$name" stop || true
        rm -f "$marker"
        echo "postgres.sh: stopped PostgreSQL $version/$name"
    fi
    ;;
*)
    echo "usage: postgres.sh up|down" >&2
    exit 2
    ;;
esac
