// Library: the batch of one switching interval, as a rank. A batch is a
// uniform b-subset of the n components, drawn exactly as noise/minibatch.wgsl
// draws a batch without replacement (Floyd's algorithm on the same words:
// draw j is word j % 4 of block first_block + j / 4 of purpose MINIBATCH, and
// a word w maps to ⌊w·m / 2^32⌋), so a mini-batch flow, its RMM and SGD with
// mini-batch noise see the same batches at step k when first_block = 0.
// The subset {s_0 < … < s_{b−1}} is returned as its colex rank Σ_j C(s_j, j + 1)
// in [0, C(n, b)), the index of the batch's precomputed map (src/dynamics/batch-maps.ts).
// One batch size b for the whole run: the C(n, b) maps are precomputed for it,
// so the flows refuse a batch-size schedule (src/dynamics/batch-flow.ts).
// Float64 twin: batchRank + drawBatch (src/reference/batch-draw.ts).
// Random numbers: ⌈b/4⌉ blocks of (step, MINIBATCH) from first_block.

// #include "lib/batch_maps.wgsl"
// #include "lib/philox.wgsl"

// Largest batch these dynamics draw (C(n, b) precomputed maps bound it well below).
const BATCH_MAX: u32 = 16u;

// C(a, m) in exact integer arithmetic (0 when a < m); each partial product is a binomial, so no overflow for C(a, m) < 2^32 / m.
fn batch_binomial(a: u32, m: u32) -> u32 {
  if (a < m) {
    return 0u;
  }
  var c = 1u;
  for (var t = 0u; t < m; t++) {
    c = c * (a - t) / (t + 1u);
  }
  return c;
}

fn batch_draw(stream: TrajectoryStream, step: u32, first_block: u32, n: u32, b: u32) -> u32 {
  var chosen: array<u32, BATCH_MAX>;
  var words: vec4<u32>;
  for (var j = 0u; j < b; j++) {
    if ((j & 3u) == 0u) {
      words = trajectory_words(stream, step, RNG_PURPOSE_MINIBATCH, first_block + (j >> 2u));
    }
    let top = n - b + j;
    var pick = philox_mulhilo(words[j & 3u], top + 1u).y;
    for (var q = 0u; q < j; q++) {
      if (chosen[q] == pick) {
        pick = top;
      }
    }
    // Insertion into the sorted prefix (the rank needs the subset in order).
    var at = j;
    while (at > 0u && chosen[at - 1u] > pick) {
      chosen[at] = chosen[at - 1u];
      at--;
    }
    chosen[at] = pick;
  }
  var rank = 0u;
  for (var j = 0u; j < b; j++) {
    rank += batch_binomial(chosen[j], j + 1u);
  }
  return rank;
}

// The batch in force from this draw on: rank 0 when there is one batch (b = n, no draw).
fn batch_of_step(stream: TrajectoryStream, step: u32, first_block: u32) -> u32 {
  if (batch_count() == 1u) {
    return 0u;
  }
  return batch_draw(stream, step, first_block, N_SAMPLES, batch_size());
}
