// Dynamics: normalized SGD in the two-timescale framework (Xiao, Hu, Toh,
// arXiv:2307.10053; docs/math.md §5b), φ(m) = ‖m‖₂:
//   m_{k+1} = m_k − θ_k r_θ (m_k − g_k),   x_{k+1} = x_k − η_k r_η m_{k+1}/‖m_{k+1}‖.
// Guard: where ‖m_{k+1}‖ < 1e-30 the direction is d = 0 (x stays). 0 is a valid
// element of ∂‖·‖₂(0) (the unit ball), and unlike a random unit vector it draws
// no random numbers and keeps an exact stationary point stationary.
// ‖m‖ is computed scaled (two_timescale_norm), so it neither underflows nor overflows.
// Parameters: lr and theta schedules (lib/two_timescale.wgsl).
// Aux: lib/two_timescale.wgsl's. Random numbers: r_η, r_θ at start (purpose
// STEPSIZE); per step, whatever the noise module draws.

// #include "lib/two_timescale.wgsl"

const NORMALIZED_SGD_GUARD: f32 = 1e-30;

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  two_timescale_init(a, stream);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  let lr = two_timescale_advance(x, a, k, stream);
  let norm = two_timescale_norm(a);
  if (norm < NORMALIZED_SGD_GUARD) {
    return;
  }
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fma(-lr, (*a)[TWO_TIMESCALE_M + i] / norm, (*x)[i]);
  }
}
