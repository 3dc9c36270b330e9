// Dynamics: the mini-batch descent flow (docs/math.md §1c; Domínguez Corella &
// Hernández, arXiv:2407.07556): v′ = −∇F_B(v) on each piece, B a uniform
// b-subset of the components with F_B = (n/b) Σ_{i∈B} w_i f_i. One step advances
// the model time by h. Every piece is exact (lib/batch_maps.wgsl: e^{−hQ_B}
// precomputed, or Q_B's eigenbasis for pieces of any length; soft thresholds and
// projections for nonsmooth components).
//   fixed switching (the paper's): step k runs batch B_k for time h.
//   exponential (SWITCHING_EXPONENTIAL): B is redrawn at the jumps of a Poisson
//     clock of rate 1/h; within step k the waiting times are −h·log U_j (U_j in
//     (0, 1), never 0), restarted at each step (memoryless: the same law).
// Parameters: the batch maps (lib/batch_maps.wgsl).
// State in storage (STATE_IN_STORAGE: dynamics_step takes the trajectory's
// local index and updates state[local·DIM …] in place).
// Aux: the rank of the batch in force (exponential switching) at BATCH_RANK, DIM
// words of scratch at BATCH_SCRATCH.
// Random numbers: fixed: the batch of step k from (k, MINIBATCH, blocks 0…⌈b/4⌉−1),
// the same words SGD's mini-batch noise uses at step k. Exponential: the first
// batch at init from (0, MINIBATCH, 0…); per step k, clock j from word j % 4 of
// (k, SWITCH, block j / 4), and the batch after switch j from (k, MINIBATCH,
// blocks (j + 1)·⌈b/4⌉ …). At most FLOW_MAX_SWITCHES switches per step.

// #include "lib/batch_draw.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
#if ${SWITCHING_EXPONENTIAL}
  (*a)[BATCH_RANK] = f32(batch_of_step(stream, 0u, 0u));
#endif
}

fn dynamics_step(local: u32, k: u32, stream: TrajectoryStream) {
  let base = local * DIM;
  let scratch = local * AUX_DIM + BATCH_SCRATCH;
  let h = batch_step_length();
#if ${SWITCHING_EXPONENTIAL}
  let blocks = (batch_size() + 3u) / 4u;
  var rank = u32(aux[local * AUX_DIM + BATCH_RANK]);
  var left = h;
  var words: vec4<u32>;
  for (var j = 0u; j < FLOW_MAX_SWITCHES; j++) {
    if ((j & 3u) == 0u) {
      words = trajectory_words(stream, k, RNG_PURPOSE_SWITCH, j >> 2u);
    }
    let wait = -h * log(random_uniform01(words[j & 3u]));
    if (wait >= left) {
      break;
    }
    batch_map_apply(base, scratch, rank, wait);
    left -= wait;
    rank = batch_of_step(stream, k, (j + 1u) * blocks);
  }
  batch_map_apply(base, scratch, rank, left);
  aux[local * AUX_DIM + BATCH_RANK] = f32(rank);
#else
  batch_map_apply(base, scratch, batch_of_step(stream, k, 0u), h);
#endif
}
