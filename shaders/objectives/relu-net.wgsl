// Objective: a one-hidden-layer ReLU network on a finite data set (aᵢ, yᵢ),
//   ŷ(a) = Σⱼ vⱼ relu(Wⱼ·a + bⱼ) + c,   f = (1/N) Σᵢ ½ (ŷ(aᵢ) − yᵢ)².
// The state is the flattened weights x = [W (RELU_HIDDEN × RELU_INPUTS, row-major),
// b (RELU_HIDDEN), v (RELU_HIDDEN), c], DIM = RELU_HIDDEN·(RELU_INPUTS + 2) + 1.
// The gradient is what autograd returns (a conservative field, Bolte & Pauwels
// 2021): relu'(0) = 0, an element of the Clarke subdifferential [0, 1] at the kink.
// objective_hess_vec is the Gauss–Newton product (1/N) Σᵢ Jᵢ (Jᵢ·v), Jᵢ = ∂ŷ(aᵢ)/∂x:
// the positive semi-definite part of the Hessian (exact where the residuals vanish).
// Data (storage `data`): sample i is [aᵢ (RELU_INPUTS), yᵢ] at i·(RELU_INPUTS + 1).
// Random numbers: none.

// #include "lib/finite_sum.wgsl"

const RELU_STRIDE: u32 = RELU_INPUTS + 1u;
const RELU_B: u32 = RELU_HIDDEN * RELU_INPUTS;
const RELU_V: u32 = RELU_B + RELU_HIDDEN;
const RELU_C: u32 = RELU_V + RELU_HIDDEN;

// Forward pass for sample i: hidden pre-activations into z, returns ŷ.
fn relu_forward(x: ptr<function, State>, i: u32, z: ptr<function, array<f32, RELU_HIDDEN>>) -> f32 {
  var out = (*x)[RELU_C];
  for (var j = 0u; j < RELU_HIDDEN; j++) {
    var pre = (*x)[RELU_B + j];
    for (var k = 0u; k < RELU_INPUTS; k++) {
      pre = fma((*x)[j * RELU_INPUTS + k], data[i * RELU_STRIDE + k], pre);
    }
    (*z)[j] = pre;
    out = fma((*x)[RELU_V + j], max(pre, 0.0), out);
  }
  return out;
}

// g += scale · ∂ŷ(aᵢ)/∂x, given the forward pass's pre-activations z.
fn relu_backward_add(x: ptr<function, State>, i: u32, z: ptr<function, array<f32, RELU_HIDDEN>>, scale: f32, g: ptr<function, State>) {
  (*g)[RELU_C] += scale;
  for (var j = 0u; j < RELU_HIDDEN; j++) {
    (*g)[RELU_V + j] = fma(scale, max((*z)[j], 0.0), (*g)[RELU_V + j]);
    if ((*z)[j] > 0.0) {
      let back = scale * (*x)[RELU_V + j];
      (*g)[RELU_B + j] += back;
      for (var k = 0u; k < RELU_INPUTS; k++) {
        (*g)[j * RELU_INPUTS + k] = fma(back, data[i * RELU_STRIDE + k], (*g)[j * RELU_INPUTS + k]);
      }
    }
  }
}

fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  var z: array<f32, RELU_HIDDEN>;
  let residual = relu_forward(x, i, &z) - data[i * RELU_STRIDE + RELU_INPUTS];
  relu_backward_add(x, i, &z, weight * residual, g);
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  finite_sum_mean_grad(x, g);
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var q = 0u; q < DIM; q++) {
    (*out)[q] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    var z: array<f32, RELU_HIDDEN>;
    relu_forward(x, i, &z);
    var J: State;
    for (var q = 0u; q < DIM; q++) {
      J[q] = 0.0;
    }
    relu_backward_add(x, i, &z, 1.0, &J);
    var jv = 0.0;
    for (var q = 0u; q < DIM; q++) {
      jv = fma(J[q], (*v)[q], jv);
    }
    let scale = jv / f32(N_SAMPLES);
    for (var q = 0u; q < DIM; q++) {
      (*out)[q] = fma(scale, J[q], (*out)[q]);
    }
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var total = 0.0;
  for (var i = 0u; i < N_SAMPLES; i++) {
    var z: array<f32, RELU_HIDDEN>;
    let r = relu_forward(x, i, &z) - data[i * RELU_STRIDE + RELU_INPUTS];
    total = fma(0.5 * r, r, total);
  }
  return total / f32(N_SAMPLES);
}
