// Objective: weighted L1  f(x) = Σᵢ wᵢ |xᵢ − cᵢ|  (wᵢ > 0), the nonsmooth test
// problem of docs/math.md §5c (Xiao, Hu, Toh, arXiv:2307.10053).
// Gradient: the Clarke subgradient wᵢ·sign(xᵢ − cᵢ) with sign(0) = 0, a valid
// element because 0 ∈ ∂|·|(0) = [−1, 1]. The sign is taken by comparisons, not
// of the rounded difference, so it is exact even where a GPU flushes subnormals.
// Hessian-vector product: 0 (f is piecewise linear; its kinks carry no density).
// The unique Clarke-stationary point, and minimizer, is x = c.
// Not a finite sum: no `objective_sample_grad_add` (mini-batch noise is refused).
// Parameters: w (DIM words) at WEIGHTED_L1_W, c (DIM words) at WEIGHTED_L1_C.
// Random numbers: none.


fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    let xi = (*x)[i];
    let ci = model[WEIGHTED_L1_C + i];
    let w = model[WEIGHTED_L1_W + i];
    (*g)[i] = select(select(0.0, w, xi > ci), -w, xi < ci);
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    (*out)[i] = 0.0;
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var value = 0.0;
  for (var i = 0u; i < DIM; i++) {
    value = fma(model[WEIGHTED_L1_W + i], abs((*x)[i] - model[WEIGHTED_L1_C + i]), value);
  }
  return value;
}
