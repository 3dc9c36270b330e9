// Dynamics: SME-1, the first-order stochastic modified equation of SGD
// (Li, Tai & E 2017; docs/math.md §4c):  dX = −∇f(X) dt + √(ηΣ) dW,
// in SGD's clock: one step = one SGD step of length η, as m substeps (lib/sgd_model.wgsl):
//   EXACT_TRANSITION (quadratic f): the OU law over dt = η/m from the host (Van Loan, float64);
//   else Euler–Maruyama X ← X + dt·drift + √dt S u with S Sᵀ = ηΣ.
// Parameters: lib/sgd_model.wgsl's.
// Random numbers: purpose NOISE, step k, blocks 0…(m+1)·⌈DIM/4⌉ − 1, coupled to SGD's z_k.

// #include "lib/sgd_model.wgsl"

fn sgd_model_drift(x: ptr<function, State>, drift: ptr<function, State>) {
  objective_grad(x, drift);
  for (var i = 0u; i < DIM; i++) {
    (*drift)[i] = -(*drift)[i];
  }
}

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[0] = 0.0;
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  sgd_model_step(x, k, stream);
}
