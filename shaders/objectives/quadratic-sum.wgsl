// Objective: a sum of typed convex components  F(x) = Σ_i w_i f_i(x)  (docs/math.md §1b),
// a finite sum F = (1/N) Σ_i (N w_i f_i) for mini-batch noise (N = N_SAMPLES components):
//   smooth     f_i = ½xᵀQ_i x − q_iᵀx + k_i  (quadratics ½(x−c)ᵀA(x−c), row blocks ½‖Ax − y‖²),
//              ∇f_i = Q_i x − q_i;
//   l1         f_i = λ‖x‖₁, subgradient λ sign(x) (sign(0) = 0 ∈ ∂|·|(0));
//   box, halfspace, ball, obstacle: indicators of closed convex sets. Their
//              subgradient taken here is 0 and their value is not added to the
//              loss (the loss observable is the finite part: measure feasibility
//              with a region); the flows and the RMM use their projections.
// Data (`data`, shared by all trajectories): a header of SUM_ENTRY_WORDS per
// component (kind at SUM_ENTRY_KIND, its block's offset at SUM_ENTRY_DATA, w_i at
// SUM_ENTRY_WEIGHT, p at SUM_ENTRY_P; src/objectives/quadratic-sum.ts), then the blocks: smooth Q (DIM·DIM), q (DIM), k;
// l1: λ = p; box lower, upper; halfspace a, b = p; ball center, r = p; obstacle ψ.
// Random numbers: none.

fn sum_kind(i: u32) -> u32 {
  return u32(data[SUM_ENTRY_WORDS * i + SUM_ENTRY_KIND]);
}

fn sum_offset(i: u32) -> u32 {
  return u32(data[SUM_ENTRY_WORDS * i + SUM_ENTRY_DATA]);
}

// g += s·(Q x − q) for the smooth component at `at`.
fn sum_smooth_grad_add(x: ptr<function, State>, at: u32, s: f32, g: ptr<function, State>) {
  let q = at + DIM * DIM;
  for (var r = 0u; r < DIM; r++) {
    var acc = -data[q + r];
    for (var j = 0u; j < DIM; j++) {
      acc = fma(data[at + r * DIM + j], (*x)[j], acc);
    }
    (*g)[r] = fma(s, acc, (*g)[r]);
  }
}

fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  let s = weight * f32(N_SAMPLES) * data[SUM_ENTRY_WORDS * i + SUM_ENTRY_WEIGHT];
  let kind = sum_kind(i);
  if (kind == SUM_SMOOTH) {
    sum_smooth_grad_add(x, sum_offset(i), s, g);
  } else if (kind == SUM_L1) {
    let l = s * data[SUM_ENTRY_WORDS * i + SUM_ENTRY_P];
    for (var j = 0u; j < DIM; j++) {
      (*g)[j] = fma(l, sign((*x)[j]), (*g)[j]);
    }
  }
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = 0.0;
  }
  let weight = 1.0 / f32(N_SAMPLES);
  for (var i = 0u; i < N_SAMPLES; i++) {
    objective_sample_grad_add(x, i, weight, g);
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    if (sum_kind(i) == SUM_SMOOTH) {
      let at = sum_offset(i);
      let s = data[SUM_ENTRY_WORDS * i + SUM_ENTRY_WEIGHT];
      for (var r = 0u; r < DIM; r++) {
        var acc = 0.0;
        for (var j = 0u; j < DIM; j++) {
          acc = fma(data[at + r * DIM + j], (*v)[j], acc);
        }
        (*out)[r] = fma(s, acc, (*out)[r]);
      }
    }
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var value = 0.0;
  for (var i = 0u; i < N_SAMPLES; i++) {
    let w = data[SUM_ENTRY_WORDS * i + SUM_ENTRY_WEIGHT];
    let kind = sum_kind(i);
    if (kind == SUM_SMOOTH) {
      let at = sum_offset(i);
      let q = at + DIM * DIM;
      var f = data[q + DIM];
      for (var r = 0u; r < DIM; r++) {
        var qx = 0.0;
        for (var j = 0u; j < DIM; j++) {
          qx = fma(data[at + r * DIM + j], (*x)[j], qx);
        }
        f += (*x)[r] * (0.5 * qx - data[q + r]);
      }
      value = fma(w, f, value);
    } else if (kind == SUM_L1) {
      var norm1 = 0.0;
      for (var j = 0u; j < DIM; j++) {
        norm1 += abs((*x)[j]);
      }
      value = fma(w * data[SUM_ENTRY_WORDS * i + SUM_ENTRY_P], norm1, value);
    }
  }
  return value;
}
