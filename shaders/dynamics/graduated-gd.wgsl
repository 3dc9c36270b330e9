// Dynamics: explicit graduated optimization (Hazan, Levy & Shalev-Shwartz 2016;
// the reference method of Sato & Iiduka, docs/math.md §2b "Explicit GO baseline"):
// gradient descent on the Gaussian smoothing f_δ with δ decreasing,
//   x_{k+1} = x_k − η_k r_η ∇f_{δ_k r_δ}(x_k),   f_δ(x) = E f(x + δu), u ~ N(0, I),
// with ∇f_δ in closed form from the objective (`objective_smoothed_grad`; the
// paper's code averages 100 samples of ∇f(x + δu) instead — the exact
// expectation removes that sampling noise). η_k: the `lr` schedule, δ_k: the
// `delta` schedule (lib/schedule.wgsl); r_η, r_δ: their randomScale factors.
// Parameters: the schedules at GRADUATED_LR and GRADUATED_DELTA.
// Aux: r_η at GRADUATED_LR_FACTOR, r_δ at GRADUATED_DELTA_FACTOR.
// Random numbers: r_η, r_δ at start (purpose STEPSIZE, step 0, block 0, words
// 0 and 1); none per step (deterministic given x0).

// #include "lib/schedule.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[GRADUATED_LR_FACTOR] = schedule_factor(GRADUATED_LR, stream, 0u);
  (*a)[GRADUATED_DELTA_FACTOR] = schedule_factor(GRADUATED_DELTA, stream, 1u);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  var g: State;
  let delta = schedule_value(GRADUATED_DELTA, k) * (*a)[GRADUATED_DELTA_FACTOR];
  objective_smoothed_grad(x, delta, &g);
  let lr = schedule_value(GRADUATED_LR, k) * (*a)[GRADUATED_LR_FACTOR];
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fma(-lr, g[i], (*x)[i]);
  }
}
