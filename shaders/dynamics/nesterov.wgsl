// Dynamics: Nesterov's accelerated gradient (Nesterov 1983)
//   v_{k+1} = β v_k − η_k r g(x_k + β v_k),  x_{k+1} = x_k + v_{k+1},  v_0 = 0,
// g from the noise module (exact, Gaussian or mini-batch) at the look-ahead point,
// η_k the `lr` schedule (lib/schedule.wgsl), r the trajectory's randomScale factor.
// Parameters (from DYNAMICS_OFFSET): the lr schedule (SCHEDULE_WORDS), then β.
// Aux: [v_0 … v_{DIM−1}, r] (AUX_DIM = DIM + 1).
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
  let beta = model[DYNAMICS_OFFSET + SCHEDULE_WORDS];
  var y: State;
  for (var i = 0u; i < DIM; i++) {
    y[i] = fma(beta, (*a)[i], (*x)[i]);
  }
  var g: State;
  noise_grad(&y, &g, k, stream);
  let lr = schedule_value(DYNAMICS_OFFSET, k) * (*a)[DIM];
  for (var i = 0u; i < DIM; i++) {
    let v = fma(beta, (*a)[i], -lr * g[i]);
    (*a)[i] = v;
    (*x)[i] = (*x)[i] + v;
  }
}
