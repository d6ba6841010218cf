#!/usr/bin/env bash
# Brings up PostgreSQL and Redis for `npm run demo` and `npm test`:
# use them if reachable; start installed ones if stopped; install them with apt-get when root and
# missing; otherwise print the exact command to run and exit 1. Then creates the roles and the
# databases ndis and ndis_test. Safe to run again.
set -euo pipefail

PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
PGPORT_NUM=${PGPORT_NUM:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
OWNER_ROLE=ndis_owner
APP_ROLE=ndis_app

say() { printf '[services] %s\n' "$*"; }
die() { printf '[services] %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
	if ! is_root; then
		die "$1 is not installed. Run as root: apt-get update && apt-get install -y $2"
	fi
	say "installing $2 with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq "$2" >/dev/null
}

pg_ready() { pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" 2>/dev/null; }

ensure_postgres() {
	if command -v pg_isready >/dev/null && pg_ready; then return; fi
	if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
		apt_install PostgreSQL postgresql
	fi
	local version
	version=$(ls /etc/postgresql | sort -V | tail -n 1)
	say "starting PostgreSQL $version"
	if is_root; then
		pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
	else
		pg_ctlcluster "$version" main start 2>/dev/null ||
			die "PostgreSQL is stopped. Run: sudo pg_ctlcluster $version main start"
	fi
	for _ in $(seq 1 30); do pg_ready && return; sleep 1; done
	die "PostgreSQL did not become ready on $PGHOST_ADDR:$PGPORT_NUM"
}

redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
	if command -v redis-cli >/dev/null && redis_ready; then return; fi
	command -v redis-server >/dev/null || apt_install Redis redis-server
	say "starting Redis"
	mkdir -p /tmp/ndis-redis
	redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
		--dir /tmp/ndis-redis --logfile /tmp/ndis-redis/redis.log >/dev/null
	for _ in $(seq 1 30); do redis_ready && return; sleep 1; done
	die "Redis did not become ready on 127.0.0.1:$REDIS_PORT"
}

# Runs SQL as the cluster's superuser: over TCP where trust auth allows it, else via the socket as
# the postgres OS user.
psql_super() {
	if psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
		psql -v ON_ERROR_STOP=1 -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres "$@"
	elif is_root; then
		su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres $(printf '%q ' "$@")"
	else
		die "Cannot connect to PostgreSQL as a superuser. Run: sudo -u postgres psql -c \"CREATE ROLE $OWNER_ROLE LOGIN PASSWORD '$OWNER_ROLE'\" (and see README: Configuration)"
	fi
}

ensure_databases() {
	psql_super <<SQL
DO \$\$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN
		CREATE ROLE $OWNER_ROLE LOGIN CREATEDB PASSWORD '$OWNER_ROLE';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
		-- Owns nothing and cannot bypass row-level security.
		CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_ROLE' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
	END IF;
END \$\$;
SQL
	for db in ndis ndis_test; do
		if [ "$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
			say "creating database $db"
			psql_super -c "CREATE DATABASE $db OWNER $OWNER_ROLE"
		fi
		psql_super -c "REVOKE ALL ON DATABASE $db FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE $db TO $APP_ROLE; GRANT ALL ON DATABASE $db TO $OWNER_ROLE"
		psql_super -d "$db" -c "ALTER SCHEMA public OWNER TO $OWNER_ROLE; REVOKE CREATE ON SCHEMA public FROM PUBLIC"
	done
}

ensure_postgres
ensure_redis
ensure_databases
say "PostgreSQL on $PGHOST_ADDR:$PGPORT_NUM and Redis on 127.0.0.1:$REDIS_PORT are ready"
