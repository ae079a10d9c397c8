#!/usr/bin/env bash
# In-process A/B of the webhook's request handling (bench/webhook/README.md): the same harness
# (bench/webhook/InProcess) built against BASE and against the working tree, run alternately on one thread, no
# sockets or TLS, so a change's effect on parse + rules + answer shows without the noise of a loaded machine.
# Usage: bench/webhook/inprocess.sh [BASE=HEAD~1] [ROUNDS=3] [ITERATIONS=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${1:-HEAD~1}
ROUNDS=${2:-3}
ITERATIONS=${3:-100000}
WORK=$(mktemp -d)
cleanup() { git worktree remove --force "$WORK/base-src" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== build: working tree and $BASE ($(git rev-parse --short "$BASE")), Release"
dotnet build -c Release -v q -nologo bench/webhook/InProcess -o "$WORK/new" >/dev/null
git worktree add --detach -q "$WORK/base-src" "$BASE"
rm -rf "$WORK/base-src/bench/webhook/InProcess"
cp -r bench/webhook/InProcess "$WORK/base-src/bench/webhook/InProcess"
rm -rf "$WORK/base-src/bench/webhook/InProcess/bin" "$WORK/base-src/bench/webhook/InProcess/obj"
dotnet build -c Release -v q -nologo "$WORK/base-src/bench/webhook/InProcess" -o "$WORK/base" >/dev/null

# The webhook Deployment's gen0 budget, as in run.sh.
export DOTNET_GCgen0size=${GEN0:-0x2000000}
BODY=tests/Netguard.Webhook.Tests/Fixtures/pod-create.json
CONFIG=${CONFIG:-manifests/examples/config.yaml}
for r in $(seq "$ROUNDS"); do
  for v in base new; do
    dotnet "$WORK/$v/webhook-inprocess.dll" "$BODY" "$CONFIG" "$ITERATIONS" | sed "s/^/$v /" | tee -a "$WORK/results"
  done
done

echo "== medians over $ROUNDS runs x 5 rounds"
for v in base new; do
  for e in mutate validate; do
    median=$(awk -v v="$v" -v e="$e" '$1 == v && $2 == e {print $5}' "$WORK/results" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    bytes=$(awk -v v="$v" -v e="$e" '$1 == v && $2 == e {b = $7} END {print b}' "$WORK/results")
    printf "%-5s %-9s %8s us/request  %7s B/request\n" "$v" "$e" "$median" "$bytes"
  done
done
