# nginx.sh - sourced by scripts/bench.sh and scripts/floor.sh: the ceiling
# they compare with, nginx (Debian) serving static files, 2 workers.
#
#   nginx_start DIR ROOT     start nginx on a free loopback port (NPORT),
#                            its config, pid and logs in DIR, files from ROOT
#   nginx_stop DIR
# (Absolute paths: nginx reads them from its config.)
#
# Started as root, nginx runs its workers as `nobody`, which cannot enter a
# tree cloned into a 0700 folder (mktemp -d, root's home): every request
# would answer 403.  So its workers run as the invoking user, who can read
# ROOT wherever it lives.  (Started as another user, nginx cannot change
# user and ignores the directive with a warning, so it is left out.)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

nginx_start() {
  local dir=$1 root=$2
  NPORT=$(free_port)
  local user=
  [ "$(id -u)" = 0 ] && user="user $(id -un) $(id -gn);"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<NGX
$user
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir; proxy_temp_path $dir;
  fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
  server { listen 127.0.0.1:$NPORT; root $root; location / { } }
}
NGX
  nginx -c "$dir/nginx.conf"
}

nginx_stop() {
  [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
  rm -f "$1/nginx.pid"
}
