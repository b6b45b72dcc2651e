#!/usr/bin/env bash
# Runs the training tests (tiny configs, seconds) with Debian's Python, installing its packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
PKGS="python3-torch libopenblas0-pthread python3-onnx python3-numpy python3-pil python3-pytest"
if ! "$PY" -c "import torch, onnx, numpy, PIL, pytest" 2>/dev/null; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PKGS
  else
    echo "missing Python packages; run as root: apt-get install -y $PKGS" >&2
    exit 1
  fi
fi
# No .pytest_cache in the working tree (prettier and git would see it).
exec "$PY" -m pytest -q -p no:cacheprovider training/tests "$@"
