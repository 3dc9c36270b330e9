// The two-timescale framework of Xiao, Hu, Toh (arXiv:2307.10053; docs/math.md §5b),
// shared by heavy-ball-sgd, signsgd, lion, normalized-sgd and clipped-sgd:
//   m_{k+1} = m_k − θ_k r_θ (m_k − g_k)        (fast: momentum / estimator)
//   x_{k+1} = x_k − η_k r_η d_k,  d_k ∈ ∂φ(m_{k+1})  (slow: the variable)
// Parameters (declared in src/dynamics/two-timescale.ts): the lr schedule η at
// TWO_TIMESCALE_LR, the theta schedule θ at TWO_TIMESCALE_THETA, then the
// method's own fields. Aux: m at TWO_TIMESCALE_M (DIM words, m_0 = 0), r_η at
// TWO_TIMESCALE_LR_FACTOR, r_θ at TWO_TIMESCALE_THETA_FACTOR.
// Random numbers: r_η and r_θ once per trajectory (purpose STEPSIZE, step 0,
// block 0, words 0 and 1; none when a schedule has no randomScale).

// #include "lib/schedule.wgsl"

fn two_timescale_init(a: ptr<function, Aux>, stream: TrajectoryStream) {
  for (var i = 0u; i < DIM; i++) {
    (*a)[TWO_TIMESCALE_M + i] = 0.0;
  }
  (*a)[TWO_TIMESCALE_LR_FACTOR] = schedule_factor(TWO_TIMESCALE_LR, stream, 0u);
  (*a)[TWO_TIMESCALE_THETA_FACTOR] = schedule_factor(TWO_TIMESCALE_THETA, stream, 1u);
}

// η_k r_η, the step of x.
fn two_timescale_lr(a: ptr<function, Aux>, k: u32) -> f32 {
  return schedule_value(TWO_TIMESCALE_LR, k) * (*a)[TWO_TIMESCALE_LR_FACTOR];
}

// θ_k r_θ, the step of m (≤ 1, checked on the host).
fn two_timescale_theta(a: ptr<function, Aux>, k: u32) -> f32 {
  return schedule_value(TWO_TIMESCALE_THETA, k) * (*a)[TWO_TIMESCALE_THETA_FACTOR];
}

// m ← m − θ (m − g), evaluated as (1 − θ) m + θ g: exact at θ = 1 (m = g, so
// heavy ball is SGD bit for bit) and at θ = 0 (m stays).
fn two_timescale_momentum(a: ptr<function, Aux>, g: ptr<function, State>, theta: f32) {
  let keep = 1.0 - theta;
  for (var i = 0u; i < DIM; i++) {
    (*a)[TWO_TIMESCALE_M + i] = fma(theta, (*g)[i], keep * (*a)[TWO_TIMESCALE_M + i]);
  }
}

// ‖m‖₂, scaled by s = max|mᵢ| so that neither mᵢ² underflows (|mᵢ| < 1e-19 in
// f32) nor overflows: ‖m‖ = s·sqrt(Σ (mᵢ/s)²); 0 when m = 0.
fn two_timescale_norm(a: ptr<function, Aux>) -> f32 {
  var s = 0.0;
  for (var i = 0u; i < DIM; i++) {
    s = max(s, abs((*a)[TWO_TIMESCALE_M + i]));
  }
  if (s == 0.0) {
    return 0.0;
  }
  var q = 0.0;
  for (var i = 0u; i < DIM; i++) {
    let u = (*a)[TWO_TIMESCALE_M + i] / s;
    q = fma(u, u, q);
  }
  return s * sqrt(q);
}

// The common start of a step for the methods whose direction is a function of
// m_{k+1} alone (all but Lion): draw g_k, advance m, return the slow step η_k r_η.
fn two_timescale_advance(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) -> f32 {
  var g: State;
  noise_grad(x, &g, k, stream);
  two_timescale_momentum(a, &g, two_timescale_theta(a, k));
  return two_timescale_lr(a, k);
}
