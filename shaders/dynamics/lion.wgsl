// Dynamics: Lion (Chen et al. 2023, "Symbolic Discovery of Optimization
// Algorithms", arXiv:2302.06675, Algorithm 2), in the two-timescale framework
// of Xiao, Hu, Toh (arXiv:2307.10053; docs/math.md §5b):
//   c   = β₁ m_k + (1 − β₁) g_k
//   x_{k+1} = x_k − η_k r_η (sign(c) + λ x_k)
//   m_{k+1} = β₂ m_k + (1 − β₂) g_k,   β₂ = 1 − θ_k r_θ (θ is the fast step).
// sign(0) = 0, a valid element of ∂‖·‖₁(0). g_k from the noise module.
// Parameters: lr and theta schedules (lib/two_timescale.wgsl), then β₁ at
// LION_BETA1, 1 − β₁ at LION_ONE_MINUS_BETA1 (formed in float64 on the host),
// λ (weight decay) at LION_WEIGHT_DECAY.
// Aux: lib/two_timescale.wgsl's. Random numbers: r_η, r_θ at start (purpose
// STEPSIZE); per step, whatever the noise module draws.

// #include "lib/two_timescale.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  two_timescale_init(a, stream);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  var g: State;
  noise_grad(x, &g, k, stream);
  let beta1 = model[LION_BETA1];
  let one_minus_beta1 = model[LION_ONE_MINUS_BETA1];
  let decay = model[LION_WEIGHT_DECAY];
  let lr = two_timescale_lr(a, k);
  for (var i = 0u; i < DIM; i++) {
    let c = fma(beta1, (*a)[TWO_TIMESCALE_M + i], one_minus_beta1 * g[i]);
    (*x)[i] = fma(-lr, fma(decay, (*x)[i], sign(c)), (*x)[i]);
  }
  two_timescale_momentum(a, &g, two_timescale_theta(a, k));
}
