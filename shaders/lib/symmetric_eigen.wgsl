// Symmetric eigendecomposition of a small DIM×DIM matrix (DIM ≤ 8) by the
// cyclic Jacobi method, in f32: rotations zero each off-diagonal entry in turn;
// JACOBI_SWEEPS sweeps converge quadratically (a handful suffice for DIM ≤ 8).
// On return the diagonal of `a` holds the eigenvalues and the columns of `v`
// the orthonormal eigenvectors (a = V diag(λ) Vᵀ). Used where a model needs
// matrix functions of a Hessian that changes with x (HA-SME off quadratics).

alias Square = array<f32, DIM * DIM>;

const JACOBI_SWEEPS: u32 = 10u;

fn jacobi_eigen(a: ptr<function, Square>, v: ptr<function, Square>) {
  for (var i = 0u; i < DIM * DIM; i++) {
    (*v)[i] = select(0.0, 1.0, i % (DIM + 1u) == 0u);
  }
  for (var sweep = 0u; sweep < JACOBI_SWEEPS; sweep++) {
    for (var p = 0u; p + 1u < DIM; p++) {
      for (var q = p + 1u; q < DIM; q++) {
        let apq = (*a)[p * DIM + q];
        if (abs(apq) <= 1e-30) {
          continue;
        }
        let theta = ((*a)[q * DIM + q] - (*a)[p * DIM + p]) / (2.0 * apq);
        let t = select(-1.0, 1.0, theta >= 0.0) / (abs(theta) + sqrt(fma(theta, theta, 1.0)));
        let c = inverseSqrt(fma(t, t, 1.0));
        let s = t * c;
        for (var k = 0u; k < DIM; k++) {
          let akp = (*a)[k * DIM + p];
          let akq = (*a)[k * DIM + q];
          (*a)[k * DIM + p] = c * akp - s * akq;
          (*a)[k * DIM + q] = s * akp + c * akq;
        }
        for (var k = 0u; k < DIM; k++) {
          let apk = (*a)[p * DIM + k];
          let aqk = (*a)[q * DIM + k];
          (*a)[p * DIM + k] = c * apk - s * aqk;
          (*a)[q * DIM + k] = s * apk + c * aqk;
        }
        for (var k = 0u; k < DIM; k++) {
          let vkp = (*v)[k * DIM + p];
          let vkq = (*v)[k * DIM + q];
          (*v)[k * DIM + p] = c * vkp - s * vkq;
          (*v)[k * DIM + q] = s * vkp + c * vkq;
        }
      }
    }
  }
}
