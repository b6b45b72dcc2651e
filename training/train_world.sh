#!/usr/bin/env bash
# The CPU's one command for a world model from nothing (issue 19): the train split with crowded and empty scenes
# (training/world_data.sh, one shard per core), then training.train on the config (default world_v8, the next
# recipe; its first run is not shipped, docs/training.md "world_v8"). On this 2-core machine the data took 4 min 39 s
# in one shard and the training 91 min. A stopped run goes on where its last checkpoint left it when started again
# with RESUME=1.
#
#   bash training/train_world.sh [training/configs/world_v8.json]      (npm run train:world)
#
# Env: as training/world_data.sh (SCENES 30000, DATA data/world_v8, WORLD_ARGS ...); DATA must be the folder
# whose train/ the config reads.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-training/configs/world_v8.json}
export PY=${PY:-/usr/bin/python3}
export DATA=${DATA:-data/world_v8}
train_dir=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['train']['train_dir'])" "$CONFIG")
if [ "$train_dir" != "$DATA/train" ]; then
  echo "$CONFIG trains on $train_dir, but DATA=$DATA would write $DATA/train" >&2
  exit 2
fi
bash training/world_data.sh
exec $PY -m training.train --config "$CONFIG" ${RESUME:+--resume}
