#!/usr/bin/env bash
# Writes a world train split in parallel shards (each scene draws its kind from its own seed, so the shards make
# the split one `npm run world` would) and decodes it once into the image cache. Skips what is already there.
# Shared by training/train_world.sh (the CPU's one command) and training/gpu_world.sh (a GPU session).
#
#   SCENES=30000 SHARDS=2 DATA=data/world_v8 bash training/world_data.sh
#
# Env: SCENES (30000), SHARDS (the CPU count), DATA (data/world_v8: writes $DATA/train), WORLD_ARGS
# (--crowded-share 0.15 --empty-share 0.02; set it empty for none), PY (python3 with torch), WORLD (the world CLI;
# default `npx tsx scripts/world.ts`, or `node world.mjs` for an esbuild bundle of scripts/world.ts).
set -euo pipefail
SCENES=${SCENES:-30000}
SHARDS=${SHARDS:-$(nproc)}
DATA=${DATA:-data/world_v8}
WORLD_ARGS=${WORLD_ARGS---crowded-share 0.15 --empty-share 0.02}
PY=${PY:-/usr/bin/python3}
WORLD=${WORLD:-npx tsx scripts/world.ts}
t0=$(date +%s)
stamp() { echo "[world_data $(($(date +%s) - t0))s] $*"; }

if [ ! -f "$DATA/train/captions.json" ]; then
  tmp=$(mktemp -d)
  per=$(((SCENES + SHARDS - 1) / SHARDS))
  pids=()
  for ((i = 0; i < SHARDS; i++)); do
    start=$((i * per)); n=$((SCENES - start < per ? SCENES - start : per))
    [ "$n" -gt 0 ] || break
    # shellcheck disable=SC2086  # WORLD and WORLD_ARGS are word lists
    $WORLD --split train --count "$n" --start "$start" $WORLD_ARGS --out "$tmp/$i" > "$tmp/$i.log" 2>&1 & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  $PY -m training.world_shards --split train --out "$DATA" "$tmp"/*/
  rm -rf "$tmp"
fi
stamp "data ready ($DATA/train)"
$PY - "$DATA/train" <<'PYEOF'
import sys, time
from training.data import CaptionSet
t = time.time()
cs = CaptionSet(sys.argv[1])
a = cs.load_images("training/runs/cache", 16)
print(f"decoded {len(cs)} scenes {a.shape} in {time.time() - t:.0f}s", flush=True)
PYEOF
stamp "images cached"
