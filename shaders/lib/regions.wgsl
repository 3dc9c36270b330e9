// Regions of the state space (src/experiment/region.ts), read from `model`.
// One region is REGION_WORDS words: its kind at REGION_CODE, a scalar at
// REGION_SCALAR and DIM words at REGION_VECTOR, declared (with the kind codes
// REGION_BALL, REGION_HALFSPACE, REGION_LEVEL) in src/stats/region-params.ts:
//   ball:      scalar = radius, vector = center
//   halfspace: scalar = offset/‖n‖, vector = n/‖n‖ (unit normal)
//   level:     scalar = value, vector unused
// The margin is ≥ 0 inside and < 0 outside; for ball and halfspace it is the
// Euclidean distance to the boundary, for a level set it is in units of f.
// Needs the objective module (level sets evaluate objective_loss).

fn region_margin(x: ptr<function, State>, at: u32) -> f32 {
  let kind = u32(model[at + REGION_CODE]);
  let scalar = model[at + REGION_SCALAR];
  let v = at + REGION_VECTOR;
  if (kind == REGION_LEVEL) {
    return scalar - objective_loss(x);
  }
  if (kind == REGION_HALFSPACE) {
    var dot = 0.0;
    for (var i = 0u; i < DIM; i++) {
      dot = fma(model[v + i], (*x)[i], dot);
    }
    return scalar - dot;
  }
  var r2 = 0.0;
  for (var i = 0u; i < DIM; i++) {
    let d = (*x)[i] - model[v + i];
    r2 = fma(d, d, r2);
  }
  return scalar - sqrt(r2);
}

// Unit outward normal of the boundary near x, written to n; returns the factor
// that turns a margin into a distance (1 for ball and halfspace, 1/‖∇f‖ for a
// level set), or 0 when no direction is defined (x at a ball's center, ∇f = 0).
fn region_normal(x: ptr<function, State>, at: u32, n: ptr<function, State>) -> f32 {
  let kind = u32(model[at + REGION_CODE]);
  let v = at + REGION_VECTOR;
  if (kind == REGION_HALFSPACE) {
    for (var i = 0u; i < DIM; i++) {
      (*n)[i] = model[v + i];
    }
    return 1.0;
  }
  if (kind == REGION_LEVEL) {
    objective_grad(x, n);
  } else {
    for (var i = 0u; i < DIM; i++) {
      (*n)[i] = (*x)[i] - model[v + i];
    }
  }
  var norm2 = 0.0;
  for (var i = 0u; i < DIM; i++) {
    norm2 = fma((*n)[i], (*n)[i], norm2);
  }
  if (!(norm2 > 0.0)) {
    return 0.0;
  }
  let inv = inverseSqrt(norm2);
  for (var i = 0u; i < DIM; i++) {
    (*n)[i] *= inv;
  }
  return select(1.0, inv, kind == REGION_LEVEL);
}
