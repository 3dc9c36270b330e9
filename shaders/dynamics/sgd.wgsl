// Dynamics: stochastic gradient descent  x_{k+1} = x_k − η_k r g_k,
// g_k from the noise module (exact, Gaussian or mini-batch), η_k the `lr`
// schedule (lib/schedule.wgsl), r the trajectory's randomScale factor.
// Parameters: the lr schedule at SGD_LR. Aux: r at SGD_LR_FACTOR. Random numbers: r at start (purpose STEPSIZE, step 0, block 0,
// word 0); per step, whatever the noise module draws.

// #include "lib/schedule.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[SGD_LR_FACTOR] = schedule_factor(SGD_LR, stream, 0u);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  var g: State;
  noise_grad(x, &g, k, stream);
  let lr = schedule_value(SGD_LR, k) * (*a)[SGD_LR_FACTOR];
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fma(-lr, g[i], (*x)[i]);
  }
}
