// Dynamics: heavy-ball (Polyak momentum, docs/math.md §3b)
//   x_{k+1} = x_k − η_k r g_k + β (x_k − x_{k−1}),  x_{−1} = x_0,
// kept as the velocity v_k = x_k − x_{k−1}: v ← β v − η_k r g_k, x ← x + v.
// g_k from the noise module (exact, Gaussian or mini-batch), η_k the `lr`
// schedule (lib/schedule.wgsl), r the trajectory's randomScale factor.
// Parameters (from DYNAMICS_OFFSET): the lr schedule (SCHEDULE_WORDS), then β.
// Aux: [v_0 … v_{DIM−1}, r] (AUX_DIM = DIM + 1; v starts at 0).
// Random numbers: r at start (purpose STEPSIZE, step 0, block 0, word 0);
// per step, whatever the noise module draws.

// #include "lib/schedule.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  for (var i = 0u; i < DIM; i++) {
    (*a)[i] = 0.0;
  }
  (*a)[DIM] = schedule_factor(DYNAMICS_OFFSET, stream, 0u);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  var g: State;
  noise_grad(x, &g, k, stream);
  let lr = schedule_value(DYNAMICS_OFFSET, k) * (*a)[DIM];
  let beta = model[DYNAMICS_OFFSET + SCHEDULE_WORDS];
  for (var i = 0u; i < DIM; i++) {
    let v = fma(beta, (*a)[i], -lr * g[i]);
    (*a)[i] = v;
    (*x)[i] = (*x)[i] + v;
  }
}
