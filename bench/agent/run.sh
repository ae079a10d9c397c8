#!/usr/bin/env bash
# netguard-agent traffic benchmark: control-plane latency and throughput while a bulk pod saturates a
# 200 Mbit/s uplink with CUBIC streams, for (a) a plain FIFO at link rate, (b) a hand-written HTB +
# nftables tree for the same config, (c) netguard-agent --once. Side by side, interleaved rounds.
# Needs root, iproute2, nftables, iperf3, sockperf, ethtool, python3 and the .NET SDK.
#
#   sudo bench/agent/run.sh            # 3 rounds (about 5 minutes)
#   ROUNDS=1 sudo bench/agent/run.sh   # quick look
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-3}
LINK=200mbit
IDLE_SECONDS=${IDLE_SECONDS:-4}
LOADED_SECONDS=${LOADED_SECONDS:-8}
CP_SECONDS=${CP_SECONDS:-6}
STREAMS=${STREAMS:-4}
P=ngbench$$
NODE=$P-node PEER=$P-peer BULK=$P-bulk
PEER_IP=198.18.0.2 BULK_IP=198.18.1.2
WORK=$(mktemp -d)

for tool in ip tc nft iperf3 sockperf python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, tc, nft)" >&2; exit 2; }

cleanup() {
  for ns in $BULK $PEER $NODE; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building netguard-agent and the apply benchmark (Release)..." >&2
dotnet build agent -c Release -o "$WORK/agent" -v q -nologo >/dev/null
dotnet build bench/agent/ApplyBench -c Release -o "$WORK/apply" -v q -nologo >/dev/null
AGENT="dotnet $WORK/agent/netguard-agent.dll"

# Topology: node namespace with uplink veth to the peer (the rest of the cluster), one bulk pod routed
# through a host-side veth. Offloads off so the qdiscs hold wire-sized packets, as on a real link.
for ns in $NODE $PEER $BULK; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip netns exec $NODE sysctl -qw net.ipv4.ip_forward=1
ip -n $NODE link add ngup0 type veth peer name ngup0 netns $PEER
ip -n $NODE addr add 198.18.0.1/24 dev ngup0
ip -n $PEER addr add $PEER_IP/24 dev ngup0
ip -n $NODE link set ngup0 up; ip -n $PEER link set ngup0 up
ip -n $PEER route add 198.18.0.0/15 via 198.18.0.1
ip -n $NODE link add ngp1 type veth peer name eth0 netns $BULK
ip -n $NODE addr add 198.18.1.1/24 dev ngp1
ip -n $BULK addr add $BULK_IP/24 dev eth0
ip -n $NODE link set ngp1 up; ip -n $BULK link set eth0 up
ip -n $BULK route add default via 198.18.1.1
for pair in "$NODE ngup0" "$PEER ngup0" "$NODE ngp1" "$BULK eth0"; do
  set -- $pair; ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1 || true
done

ip netns exec $PEER iperf3 -s -p 5201 -D
ip netns exec $PEER iperf3 -s -p 2380 -D
(ip netns exec $PEER sockperf server --tcp -i $PEER_IP -p 6443 >/dev/null 2>&1 &)
sleep 1

cat > "$WORK/pods.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: bulk, namespace: batch, annotations: {netguard.io/qos-class: bulk}}
spec: {nodeName: bench}
status: {phase: Running, podIP: $BULK_IP, podIPs: [{ip: $BULK_IP}]}
YAML

unshape() {
  ip netns exec $NODE tc qdisc del dev ngup0 root 2>/dev/null || true
  ip netns exec $NODE nft delete table inet netguard 2>/dev/null || true
  ip netns exec $NODE nft delete table inet hand 2>/dev/null || true
}

shape() {
  unshape
  case $1 in
    fifo)   # one class at link rate, the default 1000-packet FIFO (txqueuelen)
      ip netns exec $NODE tc -batch - 2>/dev/null <<TC
qdisc add dev ngup0 root handle 1: htb default 1
class add dev ngup0 parent 1: classid 1:1 htb rate $LINK ceil $LINK
qdisc add dev ngup0 parent 1:1 pfifo limit 1000
TC
      ;;
    hand)   # what an expert types for the default config (SPEC §4) on a 200 Mbit/s link
      ip netns exec $NODE tc -batch - 2>/dev/null <<TC
qdisc add dev ngup0 root handle 1: htb default 30
class add dev ngup0 parent 1: classid 1:1 htb rate 200mbit ceil 200mbit
class add dev ngup0 parent 1:1 classid 1:10 htb rate 40mbit ceil 200mbit prio 0
class add dev ngup0 parent 1:1 classid 1:20 htb rate 40mbit ceil 200mbit prio 1
class add dev ngup0 parent 1:1 classid 1:30 htb rate 60mbit ceil 200mbit prio 4
class add dev ngup0 parent 1:1 classid 1:40 htb rate 20mbit ceil 180mbit prio 7
TC
      ip netns exec $NODE nft -f - <<NFT
table inet hand {
  chain post {
    type filter hook postrouting priority mangle; policy accept;
    ip saddr $BULK_IP meta priority set 1:40
    tcp dport { 6443, 2379, 2380, 10250, 10257, 10259 } meta priority set 1:10
    tcp sport { 6443, 2379, 2380, 10250, 10257, 10259 } meta priority set 1:10
  }
}
NFT
      ;;
    netguard)
      ip netns exec $NODE $AGENT run --once --pods-file "$WORK/pods.yaml" --device ngup0 --link-rate $LINK 2>/dev/null
      ;;
  esac
}

# p50 and p99 of the full TCP round trip to port 6443, in microseconds
pingpong() {
  ip netns exec $NODE sockperf ping-pong --tcp -i $PEER_IP -p 6443 -t "$1" --full-rtt --msg-size 64 2>&1 |
    awk '/percentile 50.000/ {p50=$NF} /percentile 99.000/ {p99=$NF} END {print p50, p99}'
}

# received Mbit/s of an iperf3 run (the SUM line with several streams)
mbits() { awk '/receiver/ {v=$(NF-2)} END {print v}' "$1"; }

measure() {
  local mode=$1 round=$2
  shape "$mode"
  read -r idle50 idle99 < <(pingpong "$IDLE_SECONDS")
  ip netns exec $BULK iperf3 -c $PEER_IP -p 5201 -C cubic -P "$STREAMS" -f m -t $((3 + LOADED_SECONDS + CP_SECONDS + 2)) > "$WORK/bulk.txt" &
  local bulk=$!
  sleep 3
  read -r load50 load99 < <(pingpong "$LOADED_SECONDS")
  ip netns exec $NODE iperf3 -c $PEER_IP -p 2380 -C cubic -f m -t "$CP_SECONDS" > "$WORK/cp.txt"
  wait $bulk
  echo "$mode $round $idle50 $idle99 $load50 $load99 $(mbits "$WORK/cp.txt") $(mbits "$WORK/bulk.txt")" | tee -a "$WORK/results.txt" >&2
}

echo "mode round idle_p50_us idle_p99_us loaded_p50_us loaded_p99_us cp_mbit bulk_mbit" >&2
for round in $(seq 1 "$ROUNDS"); do
  for mode in fifo hand netguard; do measure $mode "$round"; done
done
unshape

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
traffic=0
python3 - "$WORK/results.txt" <<'PY' || traffic=$?
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
modes = ["fifo", "hand", "netguard"]
def med(mode, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == mode)
m = {mode: {k: med(mode, c) for k, c in
     [("i50", 2), ("i99", 3), ("l50", 4), ("l99", 5), ("cp", 6), ("bulk", 7)]} for mode in modes}
rounds = len(rows) // 3
print(f"\nmedians of {rounds} round(s); latency = TCP request/response round trip to :6443 (sockperf), 200 Mbit/s uplink,")
print("bulk = 4 CUBIC streams from a pod in class bulk, control-plane transfer = iperf3 to :2380 from the node\n")
print(f"| {'setup':<31} | {'idle p50':>9} | {'idle p99':>9} | {'loaded p50':>10} | {'loaded p99':>10} | {'control-plane':>13} | {'bulk':>10} |")
print(f"|{'-'*33}|{'-'*11}|{'-'*11}|{'-'*12}|{'-'*12}|{'-'*15}|{'-'*12}|")
names = {"fifo": "(a) FIFO at link rate", "hand": "(b) hand-written HTB + nftables", "netguard": "(c) netguard-agent"}
def us(v): return f"{v/1000:.1f} ms" if v >= 1000 else f"{v:.0f} µs"
for mode in modes:
    r = m[mode]
    print(f"| {names[mode]:<31} | {us(r['i50']):>9} | {us(r['i99']):>9} | {us(r['l50']):>10} | {us(r['l99']):>10} | {r['cp']:>8.0f} Mbit | {r['bulk']:>5.0f} Mbit |")
ng, fifo, hand = m["netguard"], m["fifo"], m["hand"]
checks = [
    (f"loaded p99 netguard <= FIFO/20 ({us(ng['l99'])} vs {us(fifo['l99'] / 20)})", ng["l99"] <= fifo["l99"] / 20),
    (f"loaded p99 netguard <= 1.5 x hand ({us(ng['l99'])} vs {us(1.5 * hand['l99'])})", ng["l99"] <= 1.5 * hand["l99"]),
    (f"control-plane throughput >= guaranteed 40 Mbit ({ng['cp']:.0f} Mbit)", ng["cp"] >= 40),
]
print()
for text, ok in checks:
    print(("PASS " if ok else "FAIL ") + text)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY

# Plan + apply timings: the agent's reconcile (read state, diff, one tc batch, one nft transaction) run
# inside the node namespace against the real kernel, 250 pods from scratch and one pod added.
echo
apply=0
ip netns exec $NODE dotnet "$WORK/apply/ApplyBench.dll" ngup0 250 "${APPLY_REPEATS:-20}" || apply=$?
exit $(( traffic || apply ))
