// Objective: logistic regression, a finite sum  f(x) = (1/N) Σ_i f_i(x),
// f_i(x) = softplus(−m_i) + (λ/2)‖x‖²,  m_i = y_i a_iᵀx,  y_i ∈ {−1, +1},
// softplus(t) = log(1 + e^t),  σ(t) = 1/(1 + e^{−t}):
// ∇f_i = −y_i σ(−m_i) a_i + λx,  ∇²f = (1/N) Σ_i σ(m_i)σ(−m_i) a_i a_iᵀ + λI.
// Numerically stable for every margin: softplus(t) = max(t, 0) + log1p(e^{−|t|})
// and σ from e^{−|t|} ≤ 1, so no exp overflows; log1p by its series below 1e-2
// (WGSL has no log1p, and log(1 + e) loses e entirely once e < 2^−24).
// Data (`data`): sample i at i·(DIM + 1): a_i (DIM words), then y_i (±1).
// Parameters: λ at LOGISTIC_L2. Random numbers: none.

const LOGISTIC_STRIDE: u32 = DIM + 1u;

// m_i = y_i a_iᵀx for the sample starting at data[at].
fn logistic_margin(x: ptr<function, State>, at: u32) -> f32 {
  var m = 0.0;
  for (var j = 0u; j < DIM; j++) {
    m = fma(data[at + j], (*x)[j], m);
  }
  return data[at + DIM] * m;
}

// σ(t) = 1/(1 + e^{−t}) from e = e^{−|t|} ≤ 1: s = 1/(1 + e) for t ≥ 0, e·s for t < 0.
fn logistic_sigmoid(t: f32) -> f32 {
  let e = exp(-abs(t));
  let s = 1.0 / (1.0 + e);
  return select(e * s, s, t >= 0.0);
}

// log(1 + e) for 0 ≤ e ≤ 1; the series to e⁴ below 1e-2 (relative error < e⁴/5 ≤ 2e-9).
fn logistic_log1p(e: f32) -> f32 {
  if (e < 0.01) {
    return e * (1.0 - e * (0.5 - e * (0.33333334 - 0.25 * e)));
  }
  return log(1.0 + e);
}

fn logistic_softplus(t: f32) -> f32 {
  return max(t, 0.0) + logistic_log1p(exp(-abs(t)));
}

// g += weight·(−y_i σ(−m_i) a_i): the data part of ∇f_i.
fn logistic_data_grad_add(x: ptr<function, State>, at: u32, weight: f32, g: ptr<function, State>) {
  let c = -weight * data[at + DIM] * logistic_sigmoid(-logistic_margin(x, at));
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = fma(c, data[at + j], (*g)[j]);
  }
}

fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  let at = i * LOGISTIC_STRIDE;
  let c = -weight * data[at + DIM] * logistic_sigmoid(-logistic_margin(x, at));
  let lw = weight * model[LOGISTIC_L2];
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = fma(c, data[at + j], fma(lw, (*x)[j], (*g)[j]));
  }
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    logistic_data_grad_add(x, i * LOGISTIC_STRIDE, 1.0, g);
  }
  let scale = 1.0 / f32(N_SAMPLES);
  let l2 = model[LOGISTIC_L2];
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = fma(l2, (*x)[j], (*g)[j] * scale);
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    let at = i * LOGISTIC_STRIDE;
    let e = exp(-abs(logistic_margin(x, at)));
    let curvature = e / ((1.0 + e) * (1.0 + e)); // σ(m)σ(−m)
    var av = 0.0;
    for (var j = 0u; j < DIM; j++) {
      av = fma(data[at + j], (*v)[j], av);
    }
    let c = curvature * av;
    for (var j = 0u; j < DIM; j++) {
      (*out)[j] = fma(c, data[at + j], (*out)[j]);
    }
  }
  let scale = 1.0 / f32(N_SAMPLES);
  let l2 = model[LOGISTIC_L2];
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = fma(l2, (*v)[j], (*out)[j] * scale);
  }
}

// ∇³f[v, v] = (1/N) Σ_i σ(m_i)σ(−m_i)(σ(−m_i) − σ(m_i)) y_i (a_iᵀv)² a_i (the λ term has
// none), with σ(−m) − σ(m) = −sign(m)(1 − e)/(1 + e), e = e^{−|m|}: no overflow at any
// margin. Used by the heavy-ball flow's η² counter-term.
fn objective_third_dir(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    let at = i * LOGISTIC_STRIDE;
    let m = logistic_margin(x, at);
    let e = exp(-abs(m));
    let curvature = e / ((1.0 + e) * (1.0 + e));
    let skew = -sign(m) * (1.0 - e) / (1.0 + e);
    var av = 0.0;
    for (var j = 0u; j < DIM; j++) {
      av = fma(data[at + j], (*v)[j], av);
    }
    let c = curvature * skew * data[at + DIM] * av * av;
    for (var j = 0u; j < DIM; j++) {
      (*out)[j] = fma(c, data[at + j], (*out)[j]);
    }
  }
  let scale = 1.0 / f32(N_SAMPLES);
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] *= scale;
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var sum = 0.0;
  for (var i = 0u; i < N_SAMPLES; i++) {
    sum += logistic_softplus(-logistic_margin(x, i * LOGISTIC_STRIDE));
  }
  var norm2 = 0.0;
  for (var j = 0u; j < DIM; j++) {
    norm2 = fma((*x)[j], (*x)[j], norm2);
  }
  return sum / f32(N_SAMPLES) + 0.5 * model[LOGISTIC_L2] * norm2;
}
