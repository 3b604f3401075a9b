#!/usr/bin/env bash
# A real PostgreSQL on 127.0.0.1:5432 for the system tests (Debian's package; installed when missing).
#   postgres.sh up [JBOSS_HOME]  install if needed, start the cluster, create fresh smtprc_test, smtprc_dist, smtprc_upgrade, smtprc_cluster and smtprc_bench databases, and put the
#                                test role's and the test cluster's passwords into that server's password store (wildfly-config/password-store.sh),
#                                where its datasource reads it, as an operator would
#   postgres.sh down             stop the cluster again, if "up" was the one that started it
set -euo pipefail
marker="${SMTPRC_PG_MARKER:-target/postgres-started-by-tests}"
db="${SMTPRC_PG_DB:-smtprc_test}"
# The test role's password (a throwaway role on a local test cluster): it reaches psql and the password store
# through standard input only, never a command line.
password=smtprc
# The cluster password of ClusterIT's nodes (Artemis), which share this server's password store.
cluster_password=smtprc-test-cluster

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
    CREATE ROLE smtprc LOGIN;
  END IF;
END \$\$;
ALTER ROLE smtprc LOGIN PASSWORD '$password';
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER smtprc;
-- DistIT's own database, for the archive installed as the README says
DROP DATABASE IF EXISTS smtprc_dist WITH (FORCE);
CREATE DATABASE smtprc_dist OWNER smtprc;
-- SchemaUpgradeIT's own database, which it fills with the release before migrations' tables
DROP DATABASE IF EXISTS smtprc_upgrade WITH (FORCE);
CREATE DATABASE smtprc_upgrade OWNER smtprc;
-- ClusterIT's own database, which its two nodes share
DROP DATABASE IF EXISTS smtprc_cluster WITH (FORCE);
CREATE DATABASE smtprc_cluster OWNER smtprc;
-- the cluster benchmark's (mvn -Pbenchmark-cluster verify)
DROP DATABASE IF EXISTS smtprc_bench WITH (FORCE);
CREATE DATABASE smtprc_bench OWNER smtprc;
SQL
    echo "postgres.sh: PostgreSQL $version/$name on 127.0.0.1:5432, fresh database $db"
    if [ -n "${2:-}" ]; then
        printf '%s\n%s\n' "$password" "$cluster_password" \
            | bash "$(dirname "$0")/../../../wildfly-config/password-store.sh" "$2" \
                --add smtprc-db-password --add smtprc-cluster-password
        echo "postgres.sh: the password of role smtprc and the test cluster's password are in the password store of $2"
    fi
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
    echo "usage: postgres.sh up [JBOSS_HOME] | down" >&2
    exit 2
    ;;
esac
