// Library: apply the precomputed map of one batch to a state (docs/math.md §1c).
// The host (src/dynamics/batch-maps.ts) lays out, from DYNAMICS_OFFSET:
//   word 0: h (step length), 1: b (batch size), 2: number of batches, 3: 0,
//   then a table of 4 words per batch rank: [kind, offset, p, q] (offset relative to DYNAMICS_OFFSET),
//   then the maps' data. Kinds:
//   0 affine     x ← M x + r (exact sub-flow e^{−hQ_B}, or the quadratic prox (I + hQ_B)^{−1})
//   1 spectral   the sub-flow of ½xᵀQ_Bx − q_Bᵀx for any time s (exponential switching)
//   2 soft       soft threshold with κ = p·s (ℓ1: flow for time s, or prox with step s = h)
//   3 box  4 halfspace (p = b, q = ‖a‖²)  5 ball (p = radius)  6 obstacle: projections.
// Float64 twin: applyBatchMap (src/reference/batch-maps.ts).
// Random numbers: none.

// #include "lib/prox.wgsl"

const BATCH_MAP_AFFINE: u32 = 0u;
const BATCH_MAP_SPECTRAL: u32 = 1u;
const BATCH_MAP_SOFT: u32 = 2u;
const BATCH_MAP_BOX: u32 = 3u;
const BATCH_MAP_HALFSPACE: u32 = 4u;
const BATCH_MAP_BALL: u32 = 5u;
const BATCH_MAP_OBSTACLE: u32 = 6u;
const BATCH_TABLE: u32 = DYNAMICS_OFFSET + 4u;

fn batch_step_length() -> f32 {
  return model[DYNAMICS_OFFSET];
}

fn batch_size() -> u32 {
  return u32(model[DYNAMICS_OFFSET + 1u]);
}

fn batch_count() -> u32 {
  return u32(model[DYNAMICS_OFFSET + 2u]);
}

// Applies batch `rank`'s map for time (or prox step) s to the state at
// state[base …], with aux[scratch …] (DIM words) as scratch.
fn batch_map_apply(base: u32, scratch: u32, rank: u32, s: f32) {
  let entry = BATCH_TABLE + 4u * rank;
  let kind = u32(model[entry]);
  let at = DYNAMICS_OFFSET + u32(model[entry + 1u]);
  let p = model[entry + 2u];
  let q = model[entry + 3u];
  switch kind {
    case BATCH_MAP_AFFINE: { prox_affine(base, scratch, at); }
    case BATCH_MAP_SPECTRAL: { prox_spectral_flow(base, scratch, at, s); }
    case BATCH_MAP_SOFT: { prox_soft_threshold(base, p * s); }
    case BATCH_MAP_BOX: { prox_box(base, at); }
    case BATCH_MAP_HALFSPACE: { prox_halfspace(base, at, p, q); }
    case BATCH_MAP_BALL: { prox_ball(base, at, p); }
    default: { prox_obstacle(base, at); }
  }
}
