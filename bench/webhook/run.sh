#!/usr/bin/env bash
# The webhook benchmark (bench/webhook/README.md): netguard-webhook /mutate and /validate side by side with a
# bare Kestrel floor (same TLS, same GC), first at maximum throughput with wrk, then at a fixed request rate
# with the fixed-rate generator. Release builds. Usage: bench/webhook/run.sh [SECONDS] [ROUNDS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-3}
RATE=${3:-1000}
CONFIG=${CONFIG:-manifests/examples/config.yaml}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== build (Release)"
dotnet build -c Release -v q -nologo webhook -o "$WORK/webhook" >/dev/null
dotnet build -c Release -v q -nologo bench/webhook/Floor -o "$WORK/floor" >/dev/null
dotnet build -c Release -v q -nologo bench/webhook/LoadGen -o "$WORK/loadgen" >/dev/null

echo "== certificates (EC P-256, one CA, serving cert for localhost/127.0.0.1)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=bench-ca \
  -keyout "$WORK/ca.key" -out "$WORK/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost \
  -keyout "$WORK/tls.key" -out "$WORK/tls.csr" 2>/dev/null
openssl x509 -req -in "$WORK/tls.csr" -CA "$WORK/ca.crt" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth") -out "$WORK/tls.crt" 2>/dev/null

echo "== start servers"
# The gen0 budget the Deployment sets (manifests/webhook/deployment.yaml); both servers get it, like the GC mode.
export DOTNET_GCgen0size=${GEN0:-0x2000000}
dotnet "$WORK/webhook/netguard-webhook.dll" --offline --config "$CONFIG" --listen 127.0.0.1:9443 \
  --tls-cert-file "$WORK/tls.crt" --tls-key-file "$WORK/tls.key" --log-level Warning > "${LOG:-$WORK/webhook.log}" 2>&1 &
PIDS+=($!); WEBHOOK_PID=$!
dotnet "$WORK/floor/webhook-floor.dll" 127.0.0.1:9444 "$WORK/tls.crt" "$WORK/tls.key" uid &
PIDS+=($!); FLOOR_PID=$!
# Two more floors that read the request first (parse: JsonDocument; typed: also the Pod view), not targets but
# a split of the gap between the floor and /mutate.
dotnet "$WORK/floor/webhook-floor.dll" 127.0.0.1:9445 "$WORK/tls.crt" "$WORK/tls.key" parse &
PIDS+=($!); PARSE_PID=$!
dotnet "$WORK/floor/webhook-floor.dll" 127.0.0.1:9446 "$WORK/tls.crt" "$WORK/tls.key" typed &
PIDS+=($!); TYPED_PID=$!
for port in 9443 9444 9445 9446; do   # any HTTPS answer means the server is up
  for _ in $(seq 100); do curl -s --cacert "$WORK/ca.crt" -o /dev/null "https://127.0.0.1:$port/healthz" && break; sleep 0.2; done
done

# Bodies: the Pod CREATE fixture for /mutate; for /validate the same pod as the mutating webhook left it
# (what the API server sends next), built by applying the real /mutate answer.
MUTATE_BODY=tests/Netguard.Webhook.Tests/Fixtures/pod-create.json
VALIDATE_BODY="$WORK/pod-create-mutated.json"
curl -fsS --cacert "$WORK/ca.crt" -H 'Content-Type: application/json' --data-binary @"$MUTATE_BODY" \
  https://127.0.0.1:9443/mutate > "$WORK/mutate-answer.json"
python3 - "$MUTATE_BODY" "$WORK/mutate-answer.json" "$VALIDATE_BODY" <<'PY'
import base64, json, sys
review = json.load(open(sys.argv[1])); answer = json.load(open(sys.argv[2]))
obj = review["request"]["object"]
patch = json.loads(base64.b64decode(answer["response"]["patch"]))
def parent(doc, path):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    for p in parts[:-1]:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    return doc, parts[-1]
for op in patch:
    assert op["op"] == "add", op
    node, key = parent(obj, op["path"])
    if isinstance(node, list):
        node.append(op["value"]) if key == "-" else node.insert(int(key), op["value"])
    else:
        node[key] = op["value"]
json.dump(review, open(sys.argv[3], "w"))
print("validate body: pod with", len(patch), "mutation ops applied")
PY
printf "request body sizes: mutate %s bytes, validate %s bytes\n" "$(wc -c < "$MUTATE_BODY")" "$(wc -c < "$VALIDATE_BODY")"

TARGETS=(floor parse typed mutate validate)
declare -A URL=([floor]=https://127.0.0.1:9444/mutate [parse]=https://127.0.0.1:9445/mutate [typed]=https://127.0.0.1:9446/mutate
  [mutate]=https://127.0.0.1:9443/mutate [validate]=https://127.0.0.1:9443/validate)
declare -A BODYFILE=([floor]=$MUTATE_BODY [parse]=$MUTATE_BODY [typed]=$MUTATE_BODY [mutate]=$MUTATE_BODY [validate]=$VALIDATE_BODY)
declare -A SERVER=([floor]=$FLOOR_PID [parse]=$PARSE_PID [typed]=$TYPED_PID [mutate]=$WEBHOOK_PID [validate]=$WEBHOOK_PID)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime of the server process

echo "== warm-up (10 s each, JIT and tiered compilation)"
for t in "${TARGETS[@]}"; do BODY=${BODYFILE[$t]} wrk -t2 -c50 -d10s -s bench/webhook/post.lua "${URL[$t]}" >/dev/null; done

echo "== throughput: wrk -t2 -c50 -d${SECONDS_PER_RUN}s, $ROUNDS interleaved rounds (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
TCK=$(getconf CLK_TCK)
for r in $(seq "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    before=$(cpu_ticks "${SERVER[$t]}")
    out=$(BODY=${BODYFILE[$t]} wrk -t2 -c50 -d"${SECONDS_PER_RUN}"s --latency -s bench/webhook/post.lua "${URL[$t]}")
    after=$(cpu_ticks "${SERVER[$t]}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errs=$(awk '/non-200 responses/ {print $3}' <<<"$out")
    cpu=$(awk -v d=$((after - before)) -v t="$TCK" -v n="$reqs" 'BEGIN {printf "%.0f", d / t / n * 1e6}')
    printf "round %d  %-8s %10s req/s  p99 %8s  server CPU %4s us/request  non-200 %s\n" "$r" "$t" "$rps" "$p99" "$cpu" "$errs"
  done
done

echo "== latency at a fixed $RATE requests/s (fixed-rate, 20 connections, 30 s after 5 s warm-up; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
for t in floor mutate validate; do
  echo "-- $t"
  kill -0 "${SERVER[$t]}" 2>/dev/null || { echo "server for $t is gone; its log:"; tail -20 "${LOG:-$WORK/webhook.log}"; exit 1; }
  dotnet "$WORK/loadgen/fixed-rate.dll" "${URL[$t]}" "${BODYFILE[$t]}" "$WORK/ca.crt" --rate "$RATE" --duration 30 --warmup 5 --connections 20
done
