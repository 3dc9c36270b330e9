#!/bin/bash
# Submits an sdeflow experiment to Slurm as an array of n shards and the merge
# that runs when every shard has succeeded; prints the two job ids.
#
#   deploy/slurm/submit.sh EXPERIMENT.json N RESULTS [extra sbatch options…]
#
# Run it from a directory where sdeflow is installed (or a built clone); the jobs
# start there. RESULTS (a directory every node sees) receives part-i.json, the
# shards' checkpoints and logs, and all.json. Extra options go to both sbatch
# calls (e.g. --partition=gpu, or --gpus=1 for the shards on GPU nodes).
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 EXPERIMENT.json N RESULTS [sbatch options…]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
experiment=$(realpath "$1")
n=$2
mkdir -p "$3"
results=$(realpath "$3")
shift 3
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "N must be a positive whole number of shards, found '$n'" >&2
  exit 2
fi

array=$(sbatch --parsable --array="0-$((n - 1))" --chdir="$PWD" --output="$results/shard-%a.log" "$@" \
  "$here/shards.sbatch" "$experiment" "$results")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --chdir="$PWD" \
  --output="$results/merge.log" "$@" "$here/merge.sbatch" "$results")
merge=${merge%%;*}
echo "shards: job $array (array 0-$((n - 1))); merge: job $merge, after every shard succeeds"
echo "$array $merge" > "$results/jobs"
