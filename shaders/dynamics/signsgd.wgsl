// Dynamics: SignSGD / Signum in the two-timescale framework (Xiao, Hu, Toh,
// arXiv:2307.10053; docs/math.md §5b), φ(m) = ‖m‖₁:
//   m_{k+1} = m_k − θ_k r_θ (m_k − g_k),   x_{k+1} = x_k − η_k r_η sign(m_{k+1}).
// θ = 1 is plain SignSGD. sign(0) = 0 (WGSL's), a valid element of
// ∂‖·‖₁(0) = [−1, 1]^d. g_k from the noise module.
// Parameters: lr and theta schedules (lib/two_timescale.wgsl).
// Aux: lib/two_timescale.wgsl's. Random numbers: r_η, r_θ at start (purpose
// STEPSIZE); per step, whatever the noise module draws.

// #include "lib/two_timescale.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  two_timescale_init(a, stream);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  let lr = two_timescale_advance(x, a, k, stream);
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fma(-lr, sign((*a)[TWO_TIMESCALE_M + i]), (*x)[i]);
  }
}
