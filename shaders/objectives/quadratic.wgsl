// Objective: quadratic  f(x) = ½ xᵀA x − bᵀx,  ∇f(x) = A x − b,  ∇²f = A.
// A is symmetric d×d (indefinite allowed: saddles are part of the science).
// Parameters: A row-major (DIM·DIM words) at QUADRATIC_A, b (DIM words) at QUADRATIC_B.
// Random numbers: none.


fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    var acc = -model[QUADRATIC_B + i];
    for (var j = 0u; j < DIM; j++) {
      acc = fma(model[QUADRATIC_A + i * DIM + j], (*x)[j], acc);
    }
    (*g)[i] = acc;
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    var acc = 0.0;
    for (var j = 0u; j < DIM; j++) {
      acc = fma(model[QUADRATIC_A + i * DIM + j], (*v)[j], acc);
    }
    (*out)[i] = acc;
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var value = 0.0;
  for (var i = 0u; i < DIM; i++) {
    var ax = 0.0;
    for (var j = 0u; j < DIM; j++) {
      ax = fma(model[QUADRATIC_A + i * DIM + j], (*x)[j], ax);
    }
    value += (*x)[i] * (0.5 * ax - model[QUADRATIC_B + i]);
  }
  return value;
}

// ∇³f[v, v] = 0: a quadratic's Hessian is constant (the heavy-ball flow's η² term).
fn objective_third_dir(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    (*out)[i] = 0.0;
  }
}
