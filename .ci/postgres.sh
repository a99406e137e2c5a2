# shellcheck shell=bash
# Sourced by .ci/run: a throwaway PostgreSQL server for the store's
# conformance suite.
#
# pg_start installs PostgreSQL from Debian's packages when no server binaries
# are present, creates a fresh cluster in a temporary directory (not the
# packaged "main" cluster, whose state and port CI does not control), starts
# it listening only on a Unix socket in that directory, so no TCP port can be
# taken already, creates the role and database "sitrep", and exports
# SITREP_TEST_POSTGRES. It registers pg_stop on EXIT, after whatever EXIT
# trap was already set, so the server never outlives the run.
#
# Needs root (apt-get, runuser); the server itself runs as the "postgres"
# user, because initdb refuses to run as root.

pg_bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[[ -n "$d" && -x "$d/initdb" ]] && echo "$d"
}

pg_install() {
	if pg_bindir >/dev/null; then
		return 0
	fi
	echo "== postgres: installing from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends postgresql >/dev/null
	pg_bindir >/dev/null || { echo "postgres: no initdb after install" >&2; return 1; }
}

pg_start() {
	pg_install
	local bin
	bin=$(pg_bindir)
	PG_CI_DIR=$(mktemp -d /tmp/sitrep-pg.XXXXXX)
	chown postgres: "$PG_CI_DIR"
	chmod 0700 "$PG_CI_DIR"
	runuser -u postgres -- "$bin/initdb" -D "$PG_CI_DIR/data" -U postgres \
		--auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_CI_DIR/initdb.log" 2>&1 ||
		{ cat "$PG_CI_DIR/initdb.log" >&2; return 1; }
	# fsync off: the cluster is thrown away at exit, so durability buys
	# nothing here and costs the tests time.
	runuser -u postgres -- "$bin/pg_ctl" -D "$PG_CI_DIR/data" -l "$PG_CI_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$PG_CI_DIR' -c fsync=off -c max_connections=200" \
		start >/dev/null ||
		{ cat "$PG_CI_DIR/server.log" >&2; return 1; }
	local sql="$bin/psql -X -q -v ON_ERROR_STOP=1 -h $PG_CI_DIR -U postgres -d postgres"
	runuser -u postgres -- $sql -c "CREATE ROLE sitrep LOGIN" &&
		runuser -u postgres -- $sql -c "CREATE DATABASE sitrep OWNER sitrep" ||
		return 1
	export SITREP_TEST_POSTGRES="postgres:///sitrep?host=$PG_CI_DIR&user=sitrep&sslmode=disable"
	PG_CI_BIN=$bin
	local prev
	prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
	# shellcheck disable=SC2064 # expand now: the trap must name this cluster.
	trap "${prev:+$prev; }pg_stop" EXIT
	echo "== postgres: $("$bin/postgres" --version) on $PG_CI_DIR"
}

pg_stop() {
	[[ -n "${PG_CI_DIR:-}" && -d "$PG_CI_DIR" ]] || return 0
	runuser -u postgres -- "$PG_CI_BIN/pg_ctl" -D "$PG_CI_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_CI_DIR"
	PG_CI_DIR=
}
