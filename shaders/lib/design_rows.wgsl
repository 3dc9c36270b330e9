// Rows of a finite-sum design in `data` (least squares, Huber regression): sample i
// at i·DESIGN_STRIDE holds a_i (DIM words), then its target y_i. Shared by the
// objectives whose loss is a function of the residual r_i = a_iᵀx − y_i.

const DESIGN_STRIDE: u32 = DIM + 1u;

// r_i = a_iᵀx − y_i for the sample starting at data[at].
fn design_residual(x: ptr<function, State>, at: u32) -> f32 {
  var r = -data[at + DIM];
  for (var j = 0u; j < DIM; j++) {
    r = fma(data[at + j], (*x)[j], r);
  }
  return r;
}

// out += (a_iᵀv)·a_i: one sample's term of a Gauss–Newton Hessian-vector product.
fn design_outer_add(at: u32, v: ptr<function, State>, out: ptr<function, State>) {
  var av = 0.0;
  for (var j = 0u; j < DIM; j++) {
    av = fma(data[at + j], (*v)[j], av);
  }
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = fma(av, data[at + j], (*out)[j]);
  }
}
