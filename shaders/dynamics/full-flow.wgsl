// Dynamics: the full gradient flow u′ = −∇F(u) of a smooth quadratic sum, exact
// at the grid times: u ← e^{−hQ}u + hφ₁(−hQ)q (docs/math.md §1c's table), the one
// map precomputed in float64 on the host. The limit of the mini-batch flow.
// Parameters: one affine batch map (lib/batch_maps.wgsl).
// State in storage (STATE_IN_STORAGE); aux: DIM words of scratch at BATCH_SCRATCH.
// Random numbers: none.

// #include "lib/batch_maps.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
}

fn dynamics_step(local: u32, k: u32, stream: TrajectoryStream) {
  batch_map_apply(local * DIM, local * AUX_DIM + BATCH_SCRATCH, 0u, batch_step_length());
}
