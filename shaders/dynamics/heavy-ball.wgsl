// Dynamics: heavy-ball (Polyak momentum, docs/math.md §3b)
//   x_{k+1} = x_k − η_k r g_k + β (x_k − x_{k−1}),  x_{−1} = x_0,
// kept as the velocity v_k = x_k − x_{k−1}: v ← β v − η_k r g_k, x ← x + v.
// g_k from the noise module (exact, Gaussian or mini-batch), η_k the `lr`
// schedule (lib/schedule.wgsl), r the trajectory's randomScale factor.
// Parameters: the lr schedule at MOMENTUM_LR, β at MOMENTUM_BETA.
// Aux: v at MOMENTUM_V (DIM words, v_0 = 0), r at MOMENTUM_LR_FACTOR.
// Random numbers: r at start (purpose STEPSIZE, step 0, block 0, word 0);
// per step, whatever the noise module draws.

// #include "lib/schedule.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  for (var i = 0u; i < DIM; i++) {
    (*a)[MOMENTUM_V + i] = 0.0;
  }
  (*a)[MOMENTUM_LR_FACTOR] = schedule_factor(MOMENTUM_LR, stream, 0u);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  var g: State;
  noise_grad(x, &g, k, stream);
  let lr = schedule_value(MOMENTUM_LR, k) * (*a)[MOMENTUM_LR_FACTOR];
  let beta = model[MOMENTUM_BETA];
  for (var i = 0u; i < DIM; i++) {
    let v = fma(beta, (*a)[MOMENTUM_V + i], -lr * g[i]);
    (*a)[MOMENTUM_V + i] = v;
    (*x)[i] = (*x)[i] + v;
  }
}
