#!/usr/bin/env bash
# The CPU's one command for the shipped world model from nothing (issue 19): the train split with crowded and
# empty scenes (training/world_data.sh, one shard per core), training.train on world_v8, then world_v8b: world_v8's
# checkpoint trained on under a longer stage 2 with a higher learning-rate floor (docs/training.md "world_v8b"),
# then world_v8c: 1,700 more stage-2 steps on a falling learning rate ("world_v8c").
# On this 2-core machine: data 4 min 39 s in one shard, world_v8 91 min, the extensions about 70 and 63 min.
# A stopped run goes on where its last checkpoint left it when started again with RESUME=1.
#
#   bash training/train_world.sh                                       (npm run train:world: world_v8 + world_v8b)
#   bash training/train_world.sh training/configs/OTHER.json           (that config alone)
#
# Env: as training/world_data.sh (SCENES 30000, DATA data/world_v8, WORLD_ARGS ...); DATA must be the folder
# whose train/ the config reads.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-training/configs/world_v8.json}
# the default recipe's later legs, each extending the one before; a config named on the command line runs alone
EXTENDS="training/configs/world_v8b.json training/configs/world_v8c.json"
if [ $# -gt 0 ]; then EXTENDS=; fi
export PY=${PY:-/usr/bin/python3}
export DATA=${DATA:-data/world_v8}
train_dir=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['train']['train_dir'])" "$CONFIG")
if [ "$train_dir" != "$DATA/train" ]; then
  echo "$CONFIG trains on $train_dir, but DATA=$DATA would write $DATA/train" >&2
  exit 2
fi
bash training/world_data.sh
$PY -m training.train --config "$CONFIG" ${RESUME:+--resume}
name=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$CONFIG")
for extend in $EXTENDS; do
  $PY -m training.train --config "$extend" --extend "training/runs/$name/checkpoint.pt" ${RESUME:+--resume}
  name=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$extend")
done
