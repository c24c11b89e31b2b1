#!/usr/bin/env bash
# 4 replicas in 4 network namespaces joined by veth links to a bridge, a load client in a fifth;
# cut one replica's link for a while (a partition), restore it, and check the cluster healed:
# the cut-off replica catches up and every ledger verifies identical. Run as root, outside
# `npm test`:   sudo bash scripts/netns-partition.sh        (needs iproute2; after npm install)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces)"; exit 1; }
command -v ip >/dev/null || { echo "needs iproute2 (apt-get install iproute2)"; exit 1; }
PFX=pbft$$
DIR=$(mktemp -d /tmp/pbft-netns-XXXX)
NET=10.77.$(( $$ % 200 )).
PIDS=()
cleanup () {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  for ns in hub r0 r1 r2 r3 cl; do ip netns del "$PFX-$ns" 2>/dev/null || true; done
  rm -rf "$DIR"
}
trap cleanup EXIT
ip netns add "$PFX-hub"
ip netns exec "$PFX-hub" ip link add br0 type bridge
ip netns exec "$PFX-hub" ip link set br0 up
join () { # name, ip
  ip netns add "$PFX-$1"
  ip link add "v-$1-$$" type veth peer name "b-$1-$$"
  ip link set "v-$1-$$" netns "$PFX-$1"
  ip link set "b-$1-$$" netns "$PFX-hub"
  ip netns exec "$PFX-hub" ip link set "b-$1-$$" master br0 up
  ip netns exec "$PFX-$1" ip addr add "$2/24" dev "v-$1-$$"
  ip netns exec "$PFX-$1" ip link set "v-$1-$$" up
  ip netns exec "$PFX-$1" ip link set lo up
}
for i in 0 1 2 3; do join "r$i" "${NET}$((i + 1))"; done
join cl "${NET}100"
node bin/pbft init --dir "$DIR/cluster" --replicas 4 --base-port 7100 >/dev/null
node -e "
const fs = require('fs'); const f = '$DIR/cluster/genesis.json'; const g = JSON.parse(fs.readFileSync(f))
g.replicas.forEach((r, i) => { r.addrs = ['/ip4/${NET}' + (i + 1) + '/tcp/7100']; r.api = '${NET}' + (i + 1) + ':7200' })
fs.writeFileSync(f, JSON.stringify(g, null, 2))"
for i in 0 1 2 3; do
  ip netns exec "$PFX-r$i" node bin/pbft replica --dir "$DIR/cluster" --id "$i" --log-level warn > "$DIR/r$i.log" 2>&1 &
  PIDS+=($!)
done
inc () { ip netns exec "$PFX-cl" node bin/pbft "$@"; }
height () { ip netns exec "$PFX-cl" node -e "fetch('http://${NET}$(( $1 + 1 )):7200/status').then(r => r.json()).then(s => console.log(s.height)).catch(() => console.log(-1))"; }
sleep 3
timeout 90 ip netns exec "$PFX-cl" node bin/pbft tx load --dir "$DIR/cluster" --duration 25 --window 8 --accounts 2 > "$DIR/load.json" 2>/dev/null &
PIDS+=($!)
sleep 5
echo "cutting replica 3's link (heights: $(height 0) $(height 1) $(height 2) $(height 3))"
ip netns exec "$PFX-hub" ip link set "b-r3-$$" down
sleep 8
echo "during the partition: heights $(height 0) $(height 1) $(height 2) $(height 3) (replica 3 cut off)"
ip netns exec "$PFX-hub" ip link set "b-r3-$$" up
echo "link restored"
wait "${PIDS[4]}" || true
for t in $(seq 1 60); do
  h=("$(height 0)" "$(height 1)" "$(height 2)" "$(height 3)")
  [ "${h[3]}" -ge "${h[0]}" ] && [ "${h[0]}" -gt 0 ] && break
  sleep 1
done
echo "after healing: heights ${h[*]}"
cat "$DIR/load.json" | tail -12
for p in "${PIDS[@]:0:4}"; do kill -TERM "$p"; done
sleep 3
node dist/scripts/compare-ledgers.js "$DIR/cluster" && echo "PASS: partition healed, every ledger verifies and all agree" || { echo FAIL; exit 1; }
