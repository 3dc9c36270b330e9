// Dynamics: heavy-ball SGD in the two-timescale framework (Xiao, Hu, Toh,
// arXiv:2307.10053; docs/math.md §5b), φ(m) = ½‖m‖²:
//   m_{k+1} = m_k − θ_k r_θ (m_k − g_k),   x_{k+1} = x_k − η_k r_η m_{k+1}.
// Classical heavy ball with lr α and momentum β is θ = 1 − β, η = α/(1 − β);
// θ = 1 is SGD. g_k from the noise module.
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
    (*x)[i] = fma(-lr, (*a)[TWO_TIMESCALE_M + i], (*x)[i]);
  }
}
