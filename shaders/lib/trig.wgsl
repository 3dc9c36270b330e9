// Library: sine and cosine to f32 accuracy on any argument.
//
// Why: WGSL's built-in sin/cos are only required to be ~2^-11 accurate, and
// only on [−π, π] (docs/architecture.md, "Random numbers"). Objectives with cos(k x)
// (tilted cosine, Rastrigin) need sin and cos to a few ulp so that GPU paths
// follow the float64 reference (docs/math.md §2f: "cos(kx) in f32 loses relative
// precision for large |kx|").
// Method (Cephes sinf/cosf): j = round(θ · 2/π), r = θ − j·π/2 by a three-part
// Cody–Waite reduction (π/2 = P1 + P2 + P3, P1 and P2 short enough that j·P1
// and j·P2 are exact for |j| < 2^12, i.e. |θ| ≲ 6000), then minimax
// polynomials on |r| ≤ π/4 (relative error ≲ 2^-23) and the quadrant j mod 4.
// Float64 twin: Math.sin / Math.cos (the reference is exact to f64).
// Random numbers: none.

const TRIG_TWO_OVER_PI: f32 = 0.636619772367581343;
const TRIG_P1: f32 = 1.5703125;
const TRIG_P2: f32 = 4.837512969970703125e-4;
const TRIG_P3: f32 = 7.54978995489188216e-8;

// (sin θ, cos θ).
fn trig_sincos(theta: f32) -> vec2<f32> {
  let j = round(theta * TRIG_TWO_OVER_PI);
  let r = ((theta - j * TRIG_P1) - j * TRIG_P2) - j * TRIG_P3;
  let z = r * r;
  let s = fma(r * z, fma(z, fma(z, -1.9515295891e-4, 8.3321608736e-3), -1.6666654611e-1), r);
  let c = fma(z * z, fma(z, fma(z, 2.443315711809948e-5, -1.388731625493765e-3), 4.166664568298827e-2), fma(-0.5, z, 1.0));
  let q = u32(i32(j) & 3);
  if (q == 0u) {
    return vec2<f32>(s, c);
  }
  if (q == 1u) {
    return vec2<f32>(c, -s);
  }
  if (q == 2u) {
    return vec2<f32>(-s, -c);
  }
  return vec2<f32>(-c, s);
}
