#!/usr/bin/env bash
# profile.sh - where a child page's time goes, in instructions (callgrind):
# the county-scale bench data, a server under valgrind, every open child
# page of social worker sw1 requested once as HTML, then the inclusive
# instruction count a page of the main steps.  Instruction counts repeat
# from run to run whatever else the machine does, unlike wall-clock time.
#
#   scripts/profile.sh [child|work|team|search]    (default child)
#
# work, team and search profile the other load scenarios the same way: my
# work (GET /) and sw1's team page 20 times each, and the three person
# searches of the bench 20 times each; their handler's figure is printed
# instead of child_view's.  (After make bench has generated var/bench.)
# Writes build/profile/callgrind.out and build/profile/tree.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-child}
case $WHAT in child|work|team|search) ;; *) echo "usage: scripts/profile.sh [child|work|team|search]" >&2; exit 2;; esac
BIN=${MAJAKKA_BIN:-build/majakka}
OUT=build/profile; mkdir -p "$OUT"
[ -f var/bench/county.db ] || "$BIN" generate --db var/bench/county.db --scale county >/dev/null
DB=$OUT/county.db
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.audit-checkpoints" "$DB.audit-key" "$DB.audit-key.pub"; cp var/bench/county.db "$DB"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Migrate outside valgrind, so that the profile holds requests only.
P=$(port); "$BIN" serve --db "$DB" --listen 127.0.0.1:$P >"$OUT/serve.out" 2>&1 & PID=$!
for i in $(seq 100); do grep -q serving "$OUT/serve.out" 2>/dev/null && break; sleep 0.2; done
kill $PID; wait $PID || true

P=$(port)
${PRE:-} valgrind --tool=callgrind --trace-children=yes ${CGFLAGS:-} --callgrind-out-file="$OUT/callgrind.out" \
  "$BIN" serve --db "$DB" --listen 127.0.0.1:$P >"$OUT/serve.out" 2>"$OUT/valgrind.err" & PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 200); do grep -q serving "$OUT/serve.out" 2>/dev/null && break; sleep 0.3; done
B=http://127.0.0.1:$P
curl -s -c "$OUT/cookies" -H 'Content-Type: application/json' \
     -d '{"username":"sw1","password":"majakka-bench"}' "$B/api/v1/session" >/dev/null
# sw1's open children: one page of GET /api/v1/children (500) holds them all
# at both scales; should it not, next is set and the assert stops the run.
IDS=$(curl -s -b "$OUT/cookies" "$B/api/v1/children" | python3 -c \
      'import json,sys; d=json.load(sys.stdin); assert d["next"] is None, "more than a page"; print("\n".join(str(c["child_id"]) for c in d["children"] if c["phase"] != "closed"))')
n=0
case $WHAT in
child)
  URLS=$(for id in $IDS; do echo "/children/$id"; done)
  FUNCS="src/api/children.c:child_view src/api/children.c:child_model src/api/render.c:render_view src/api/access.c:access_child" ;;
work)
  URLS=$(for i in $(seq 20); do echo /; done)
  FUNCS="src/api/work.c:my_work src/api/render.c:render_view" ;;
team)
  TEAM=$(curl -s -b "$OUT/cookies" "$B/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["teams"][0]["id"])')
  URLS=$(for i in $(seq 20); do echo "/teams/$TEAM"; done)
  FUNCS="src/api/org.c:team_view src/api/render.c:render_view" ;;
search)
  HETU=$(sqlite3 "$DB" "SELECT hetu FROM person p JOIN child_case c ON c.child_id = p.id JOIN case_member m ON m.case_id = c.id JOIN account a ON a.id = m.account_id WHERE a.username = 'sw1' AND hetu IS NOT NULL LIMIT 1")
  URLS=$(for i in $(seq 20); do printf '/api/v1/persons?q=Virtanen\n/api/v1/persons?q=M%%C3%%A4k\n/api/v1/persons?q=%s\n' "$HETU"; done)
  FUNCS="src/api/persons.c:person_search_view" ;;
esac
for u in $URLS; do curl -s -o /dev/null -b "$OUT/cookies" -H 'Accept: text/html' "$B$u"; n=$((n + 1)); done
kill -INT $PID; wait $PID || true; trap - EXIT
callgrind_annotate --inclusive=yes --tree=calling --threshold=100 "$OUT/callgrind.out" >"$OUT/tree.txt" 2>/dev/null
echo "$n requests ($WHAT, county scale, sw1), instructions a request, inclusive"
echo "(audit_append runs on the writer thread: every access-log row, including"
echo " the children list the script reads first and the login):"
for f in $FUNCS 'src/auth/session.c:session_lookup' 'src/audit/audit.c:audit_append'; do
  ir=$(grep -F "*  $f [" "$OUT/tree.txt" | head -1 | awk '{gsub(",", "", $1); print $1}' || true)
  [ -n "$ir" ] && printf '  %-40s %12.0f\n' "${f#*:}" "$(echo "$ir / $n" | bc -l)"
done
