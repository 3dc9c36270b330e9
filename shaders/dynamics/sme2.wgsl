// Dynamics: SME-2, the second-order stochastic modified equation of SGD
// (Li, Tai & E 2017; docs/math.md §4c):  dX = −∇(f + (η/4)‖∇f‖²)(X) dt + √(ηΣ) dW,
// i.e. the drift −(∇f + (η/2) ∇²f ∇f), in SGD's clock as m substeps (lib/sgd_model.wgsl):
//   EXACT_TRANSITION (quadratic f): the OU law over dt = η/m from the host (Van Loan, float64);
//   else Euler–Maruyama X ← X + dt·drift + √dt S u with S Sᵀ = ηΣ.
// Parameters: lib/sgd_model.wgsl's, then η/2 at SME2_HALF_LR.
// Random numbers: purpose NOISE, step k, blocks 0…(m+1)·⌈DIM/4⌉ − 1, coupled to SGD's z_k.

// #include "lib/sgd_model.wgsl"

fn sgd_model_drift(x: ptr<function, State>, drift: ptr<function, State>) {
  var g: State;
  objective_grad(x, &g);
  var hg: State;
  objective_hess_vec(x, &g, &hg);
  let half_eta = model[SME2_HALF_LR];
  for (var i = 0u; i < DIM; i++) {
    (*drift)[i] = -fma(half_eta, hg[i], g[i]);
  }
}

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[0] = 0.0;
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  sgd_model_step(x, k, stream);
}
