#!/usr/bin/env bash
# Compares the WebGPU speed of this checkout with another commit, side by side
# in one session: builds BASE in a temporary git worktree, then runs
# `sdeflow bench --no-browser` alternately in BASE and here, REPEATS times
# each, and prints each case's median trajectory-steps/s and the ratio of
# medians (this checkout / BASE). Alternating spreads the machine's load
# over both. Extra arguments go to `sdeflow bench` (e.g. --backend vulkan).
#
#   bash bench/compare-commits.sh BASE [REPEATS] [--only ou-d1,ou-d3,sgd-d10] [...]
#
# Example (random-number stream version 1 against version 2):
#   bash bench/compare-commits.sh 8b55cc6 3 --only ou-d1,ou-d3,sgd-d10
set -euo pipefail
base=${1:?usage: bash bench/compare-commits.sh BASE [REPEATS] [bench options]}
shift
repeats=3
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then repeats=$1; shift; fi
here=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$here" worktree add --detach "$work/base" "$base" >/dev/null
ln -s "$here/node_modules" "$work/base/node_modules"
(cd "$work/base" && npm run build >/dev/null)
(cd "$here" && npm run build >/dev/null)
for ((r = 1; r <= repeats; r++)); do
  for side in base head; do
    dir=$here
    [[ $side == base ]] && dir=$work/base
    (cd "$dir" && node bin/sdeflow.mjs bench --no-browser --out "$work/$side-$r.json" "$@" >/dev/null)
    echo "repeat $r/$repeats: $side done" >&2
  done
done
node - "$work" "$repeats" "$base" <<'EOF'
const [work, repeats, base] = process.argv.slice(2);
const { readFileSync } = require('node:fs');
const load = (side) => Array.from({ length: Number(repeats) }, (_, i) => JSON.parse(readFileSync(`${work}/${side}-${i + 1}.json`, 'utf8')));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const [b, h] = [load('base'), load('head')];
const M = (x) => `${(x / 1e6).toFixed(1)} M/s`;
console.log(`device: ${h[0].rows[0]?.device ?? '?'}`);
console.log(`| case | ${base} | this checkout | ratio | per-repeat ratios |`);
console.log('| --- | --- | --- | --- | --- |');
for (const row of h[0].rows) {
  const rate = (runs) => runs.map((r) => r.rows.find((x) => x.case === row.case)?.gpuTrajectoryStepsPerSecond ?? NaN);
  const [rb, rh] = [rate(b), rate(h)];
  const ratios = rh.map((x, i) => (x / rb[i]).toFixed(2)).join(', ');
  console.log(`| ${row.case} | ${M(median(rb))} | ${M(median(rh))} | ${(median(rh) / median(rb)).toFixed(2)}× | ${ratios} |`);
}
EOF
