// Dynamics: the heavy-ball flow with counter-terms of order p (docs/math.md §3c; Lyu et
// al., arXiv:2506.14806): on each step interval [kη, (k+1)η) x follows
//   ẋ = F_k(x) = −[γ_k ∇f + η c_k H∇f + η² (A_k H²∇f + B_k ∇³f[∇f, ∇f])],
// truncated after the η^p term (p = HB_ORDER ∈ {0, 1, 2}), so that x(kη) tracks HB's
// iterates x_k up to O(η^{p+1}). The piecewise structure: x is continuous across
// intervals and only the coefficients change with k — (γ_k, c_k, A_k, B_k) from the
// recursion of docs/math.md §3c, computed on the host in float64 and uploaded as a table
// (k beyond it uses its last row, the steady values to 1e-9). Each interval is
// integrated by classical RK4 with `substeps` steps (its own error O(η·(η/s)⁴) stays
// far below the model error). Deterministic: ensembles vary only x0.
// Parameters (src/dynamics/hb-ode.ts): η at HB_ODE_LR, substeps at HB_ODE_SUBSTEPS,
// table rows R at HB_ODE_ROWS, then the table by columns: γ_k at HB_ODE_GAMMA + k,
// c_k, A_k, B_k at HB_ODE_COUNTER_C, HB_ODE_COUNTER_A, HB_ODE_COUNTER_B (+ k).
// Needs objective_hess_vec (p ≥ 1) and objective_third_dir (p = 2).
// HB_EXACT (quadratic objectives, any order p ≤ 4): the order-p flow is linear,
// ẋ = −M_k (x − x*) with M_k = Σ_{j ≤ p+1} a_{j,k} η^{j−1} A^j exact per eigenvalue
// (docs/math.md §3c, "Quadratic"), so each step is x ← E_k x + c_k with E_k = e^{−ηM_k}
// and c_k = (I − E_k) x*, computed on the host in float64; the table holds rows
// (E_k, c_k) until they are steady: E_k at HB_EXACT_E + k·DIM², c_k at HB_EXACT_C + k·DIM.
// Random numbers: none.

fn hb_ode_field(x: ptr<function, State>, row: u32, eta: f32, out: ptr<function, State>) {
  var g: State;
  objective_grad(x, &g);
  for (var i = 0u; i < DIM; i++) {
    (*out)[i] = -model[HB_ODE_GAMMA + row] * g[i];
  }
#if ${HB_ORDER_1}
  var hg: State;
  objective_hess_vec(x, &g, &hg);
  let c = eta * model[HB_ODE_COUNTER_C + row];
  for (var i = 0u; i < DIM; i++) {
    (*out)[i] = fma(-c, hg[i], (*out)[i]);
  }
#if ${HB_ORDER_2}
  var hhg: State;
  objective_hess_vec(x, &hg, &hhg);
  var tgg: State;
  objective_third_dir(x, &g, &tgg);
  let eta2 = eta * eta;
  for (var i = 0u; i < DIM; i++) {
    (*out)[i] -= eta2 * (model[HB_ODE_COUNTER_A + row] * hhg[i] + model[HB_ODE_COUNTER_B + row] * tgg[i]);
  }
#endif
#endif
}

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[0] = 0.0;
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
#if ${HB_EXACT}
  let row = min(k, u32(model[HB_ODE_ROWS]) - 1u);
  let E = HB_EXACT_E + row * DIM * DIM;
  let c = HB_EXACT_C + row * DIM;
  var next: State;
  for (var i = 0u; i < DIM; i++) {
    var acc = model[c + i];
    for (var j = 0u; j < DIM; j++) {
      acc = fma(model[E + i * DIM + j], (*x)[j], acc);
    }
    next[i] = acc;
  }
  *x = next;
#else
  let eta = model[HB_ODE_LR];
  let substeps = u32(model[HB_ODE_SUBSTEPS]);
  let row = min(k, u32(model[HB_ODE_ROWS]) - 1u);
  let h = eta / f32(substeps);
  for (var s = 0u; s < substeps; s++) {
    var k1: State;
    var k2: State;
    var k3: State;
    var k4: State;
    var y: State;
    hb_ode_field(x, row, eta, &k1);
    for (var i = 0u; i < DIM; i++) {
      y[i] = fma(0.5 * h, k1[i], (*x)[i]);
    }
    hb_ode_field(&y, row, eta, &k2);
    for (var i = 0u; i < DIM; i++) {
      y[i] = fma(0.5 * h, k2[i], (*x)[i]);
    }
    hb_ode_field(&y, row, eta, &k3);
    for (var i = 0u; i < DIM; i++) {
      y[i] = fma(h, k3[i], (*x)[i]);
    }
    hb_ode_field(&y, row, eta, &k4);
    for (var i = 0u; i < DIM; i++) {
      (*x)[i] += h / 6.0 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
    }
  }
#endif
}
