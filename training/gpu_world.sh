#!/usr/bin/env bash
# One GPU session's world training (issue 19): writes the train split in parallel shards (with crowded and empty
# scenes mixed in: WORLD_ARGS) and decodes it once into the image cache (training/world_data.sh), trains every
# config given (in parallel: a small model leaves a big GPU mostly idle) and writes each run's log (stdout.txt)
# and weights (no optimizer state) to $OUT/<run name>/.
#
#   OUT=/tmp/out bash training/gpu_world.sh training/configs/world_v8_gpu.json [more configs]
#
# DEADLINE_S (optional): seconds from the start by which training must end; a time-budgeted config then trains
# min(its budget, max(1 min, what is left less 45 s)) (--budget-min), so a slow data step cannot make a lease run out.
# Env: SCENES (60000), SHARDS (16), DATA (data/world_v8; the v8 configs read data/world_v8/train), WORLD_ARGS
# (--crowded-share 0.15 --empty-share 0.02; set it empty for none; each scene draws its kind from its own seed, so
# the shards make the split one run would), DEVICE (cuda), PY (python3 with torch), WORLD (the world CLI; default
# `npx tsx scripts/world.ts`, or `node world.mjs` for a bundle made with `npx esbuild scripts/world.ts --bundle
# --platform=node --format=esm --outfile=world.mjs`, rebuilt from a scripts/world.ts that knows the shares).
set -euo pipefail
SCENES=${SCENES:-60000}
SHARDS=${SHARDS:-16}
DATA=${DATA:-data/world_v8}
WORLD_ARGS=${WORLD_ARGS---crowded-share 0.15 --empty-share 0.02}
DEVICE=${DEVICE:-cuda}
PY=${PY:-python3}
WORLD=${WORLD:-npx tsx scripts/world.ts}
OUT=${OUT:?set OUT to the folder for logs and weights}
RUNS=${RUNS:-training/runs}
export PYTHONUNBUFFERED=1
t0=$(date +%s)
stamp() { echo "[gpu_world $(($(date +%s) - t0))s] $*"; }

export SCENES SHARDS DATA WORLD_ARGS PY WORLD
bash training/world_data.sh
stamp "images cached"
pids=()
names=()
for cfg in "$@"; do
  name=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$cfg")
  names+=("$name")
  mkdir -p "$OUT/$name"
  extra=()
  if [ -n "${DEADLINE_S:-}" ]; then
    budget=$($PY -c "import json,sys; b=json.load(open(sys.argv[1]))['train'].get('time_budget_min')
left=($DEADLINE_S - $(($(date +%s) - t0)) - 45) / 60
print('' if not b else f'{min(b, max(1.0, left)):.2f}')" "$cfg")
    [ -z "$budget" ] || extra=(--budget-min "$budget")
  fi
  stamp "train $name ${extra[*]:-}"
  $PY -m training.train --config "$cfg" --device "$DEVICE" --out "$RUNS/$name" "${extra[@]}" > "$OUT/$name/stdout.txt" 2>&1 & pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=$?; done
stamp "trained (rc $rc)"
for name in "${names[@]}"; do
  $PY - "$RUNS/$name/checkpoint.pt" "$OUT/$name/checkpoint.pt" <<'PYEOF' || rc=1
import sys, torch
state = torch.load(sys.argv[1], map_location="cpu", weights_only=False)
state.pop("optimizer", None)
torch.save(state, sys.argv[2])
print("slim checkpoint", sys.argv[2], state["stats"], flush=True)
PYEOF
done
stamp "done"
exit $rc
