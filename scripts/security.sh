#!/usr/bin/env bash
# security.sh - sqlmap against every endpoint that takes parameters, logged
# in as a worker (and as the administrator for account administration), on
# a fresh demo database.  Zero injectable parameters is the only pass.
#
#   scripts/security.sh [--quick]   quick: one parameter at level 1 (make test)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${MAJAKKA_BIN:-build/majakka}
LEVEL=5; RISK=3; OUT=build/security
[ "${1:-}" = "--quick" ] && { LEVEL=1; RISK=1; QUICK=1; OUT=build/security-quick; } || QUICK=0
rm -rf "$OUT"; mkdir -p "$OUT"

"$BIN" demo --db "$OUT/db.sqlite" >/dev/null 2>&1
"$BIN" serve --db "$OUT/db.sqlite" --listen 127.0.0.1:0 >"$OUT/serve.out" 2>"$OUT/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 50); do grep -q serving "$OUT/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://[^/]*' "$OUT/serve.out" | head -1)

login() {  # user -> sets COOKIE and CSRF
  local body
  body=$(curl -s -c "$OUT/cookies.$1" -H 'Content-Type: application/json' \
         -d "{\"username\":\"$1\",\"password\":\"majakka-demo\"}" "$BASE/api/v1/session")
  CSRF=$(echo "$body" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
  COOKIE="majakka_session=$(awk '/majakka_session/ {print $7}' "$OUT/cookies.$1")"
}
login sanna
CHILD=$(sqlite3 "$OUT/db.sqlite" "SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'MAJAKKA' LIMIT 1")
TEAM=$(sqlite3 "$OUT/db.sqlite" "SELECT id FROM team WHERE name = 'MAJAKKA'")

n=0; found=0
scan() {  # name, sqlmap arguments...
  local name=$1; shift
  n=$((n + 1))
  sqlmap --batch --level=$LEVEL --risk=$RISK --skip=cookie,user-agent,referer,host --disable-coloring \
         --output-dir="$OUT/sqlmap" "$@" >"$OUT/scan-$n.log" 2>&1 || true
  if grep -q "identified the following injection point" "$OUT/scan-$n.log"; then
    echo "INJECTABLE: $name (see $OUT/scan-$n.log)"; found=$((found + 1))
  else
    echo "not injectable: $name ($(grep -c 'testing ' "$OUT/scan-$n.log") tests)"
  fi
}

H=(-H "X-CSRF-Token: $CSRF" --cookie="$COOKIE")
scan "GET /api/v1/persons ?q" -u "$BASE/api/v1/persons?q=Virtanen" "${H[@]}"
if [ $QUICK = 0 ]; then
  scan "GET /search ?q" -u "$BASE/search?q=Virtanen" "${H[@]}"
  scan "GET /api/v1/children ?team_id" -u "$BASE/api/v1/children?team_id=$TEAM" "${H[@]}"
  scan "GET /api/v1/children/{id} ?break_glass" -u "$BASE/api/v1/children/$CHILD?break_glass=Paivystys+ilta" "${H[@]}"
  scan "GET /api/v1/children/{id} path" -u "$BASE/api/v1/children/$CHILD*" "${H[@]}"
  scan "POST /api/v1/children/{id}/journal JSON" -u "$BASE/api/v1/children/$CHILD/journal" "${H[@]}" \
       -H "Content-Type: application/json" --data '{"kind":"note","participants":"x","text":"testi"}'
  scan "POST /api/v1/notifications JSON" -u "$BASE/api/v1/notifications" "${H[@]}" -H "Content-Type: application/json" \
       --data "{\"child_id\":$CHILD,\"kind\":\"contact\",\"received_at\":\"2026-11-20T10:00\",\"sender_type\":\"school\",\"sender_name\":\"x\",\"text\":\"testi\"}"
  scan "POST /api/v1/persons JSON" -u "$BASE/api/v1/persons" "${H[@]}" -H "Content-Type: application/json" \
       --data "{\"kind\":\"parent\",\"first_names\":\"Testi\",\"last_name\":\"Henkilo\",\"child_id\":$CHILD}"
  scan "POST /lang form" -u "$BASE/lang" --data "lang=sv&back=/login"
  login admin
  H=(-H "X-CSRF-Token: $CSRF" --cookie="$COOKIE")
  scan "POST /api/v1/accounts JSON (admin)" -u "$BASE/api/v1/accounts" "${H[@]}" -H "Content-Type: application/json" \
       --data '{"username":"sqltest","display_name":"Testi","role":"family_worker","password":"pitka-salasana-42"}'
  scan "PATCH /api/v1/teams/{id} JSON (admin)" -u "$BASE/api/v1/teams/$TEAM" --method PATCH "${H[@]}" \
       -H "Content-Type: application/json" --data '{"hours":"ma-pe 8-16"}'
fi
echo "sqlmap level $LEVEL risk $RISK: $n endpoints scanned, $found injectable"
kill $PID; wait $PID || true
"$BIN" check --db "$OUT/db.sqlite" | tail -1
[ $found = 0 ]
