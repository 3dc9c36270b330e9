// Library: apply the precomputed map of one batch to a state (docs/math.md §1c).
// The host (src/dynamics/batch-flow.ts, batch-maps.ts) declares: h at
// BATCH_STEP_LENGTH, b at BATCH_DRAW_SIZE, the number of batches at BATCH_COUNT, a
// table of BATCH_ENTRY_WORDS per batch rank at BATCH_TABLE (kind, where its data
// start within BATCH_DATA, p, q), then the maps' data at BATCH_DATA. Kinds:
//   affine     x ← M x + r (exact sub-flow e^{−hQ_B}, or the quadratic prox (I + hQ_B)^{−1})
//   spectral   the sub-flow of ½xᵀQ_Bx − q_Bᵀx for any time s (exponential switching)
//   soft       soft threshold with κ = p·s (ℓ1: flow for time s, or prox with step s = h)
//   box, halfspace (p = b, q = ‖a‖²), ball (p = radius), obstacle: projections.
// Float64 twin: applyBatchMap (src/reference/batch-maps.ts).
// Random numbers: none.

// #include "lib/prox.wgsl"

fn batch_step_length() -> f32 {
  return model[BATCH_STEP_LENGTH];
}

fn batch_size() -> u32 {
  return u32(model[BATCH_DRAW_SIZE]);
}

fn batch_count() -> u32 {
  return u32(model[BATCH_COUNT]);
}

// Applies batch `rank`'s map for time (or prox step) s to the state at
// state[base …], with aux[scratch …] (DIM words) as scratch.
fn batch_map_apply(base: u32, scratch: u32, rank: u32, s: f32) {
  let entry = BATCH_TABLE + BATCH_ENTRY_WORDS * rank;
  let kind = u32(model[entry + BATCH_ENTRY_KIND]);
  let at = BATCH_DATA + u32(model[entry + BATCH_ENTRY_DATA]);
  let p = model[entry + BATCH_ENTRY_P];
  let q = model[entry + BATCH_ENTRY_Q];
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
