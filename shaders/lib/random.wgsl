// Library: uniforms and standard normals from random 32-bit words.
//
// Reference: M. J. Wichura, "Algorithm AS 241: The percentage points of the
// normal distribution", Applied Statistics 37(3), 1988, 477–484 — PPND7, the
// single-precision inverse normal CDF (about 1 part in 10^7).
// Float64 twin: src/rng/random.ts (`uniformFromWord`, `normalFromWord`): same
// formula, branches and coefficients.
// Random numbers: one u32 word per uniform or normal (4 per Philox call).
// Accuracy:
//   random_uniform01: u = (⌊w / 2^9⌋ + ½)·2^-23, exact in f32, bit-identical to
//     the TypeScript twin; range [2^-24, 1 − 2^-24], strictly inside (0, 1).
//   random_normal: z = Φ⁻¹(p), p = (w + ½)·2^-32, by inversion (no sin/cos:
//     WGSL's are only ~2^-11 accurate). PPND7 itself (in float64) is within
//     7e-7 absolute / 1.2e-7 relative of the exact quantile (measured against
//     PPND16 over a dense sweep of words, extremes included). This f32
//     evaluation differs from the float64 twin by at most 1.24e-6 absolute
//     (3.5e-7 relative; max at z ≈ −4.13) over 4.2e6 words, and by 9.1e-7 at
//     the extreme words 0 and 2^32 − 1 (Mesa llvmpipe). The budget is mostly
//     f32 rounding in the Horner sums; WGSL allows log and division a few ulp
//     of error, which a GPU may add (≈ 0.5e-6 more in the worst case).
//     |z| reaches Φ⁻¹(1 − 2^-33) ≈ 6.34 at w = 0 and w = 2^32 − 1, and
//     random_normal(~w) = −random_normal(w) exactly.
// No p − ½ or 1 − p is ever formed in f32 (cancellation): both come exactly
// from the integer a = min(w, ~w), and the branch is chosen on the integer, so
// GPU and CPU always take the same branch.

// Tail index a from which |p − ½| ≤ 0.425 (tail probability ≥ 0.075).
const RANDOM_NORMAL_CENTRAL_MIN_TAIL_INDEX: u32 = 322122547u;

// AS241 PPND7, central region: z = q·A(r)/B(r), r = 0.180625 − q².
const RANDOM_PPND7_A0: f32 = 3.3871327179;
const RANDOM_PPND7_A1: f32 = 50.434271938;
const RANDOM_PPND7_A2: f32 = 159.29113202;
const RANDOM_PPND7_A3: f32 = 59.10937472;
const RANDOM_PPND7_B1: f32 = 17.895169469;
const RANDOM_PPND7_B2: f32 = 78.757757664;
const RANDOM_PPND7_B3: f32 = 67.1875636;
// Tail region, s = √(−ln t) − 1.6: z = C(s)/D(s). PPND7's far-tail branch
// (√(−ln t) > 5, t < 1.4e-11) is unreachable: t ≥ 2^-33 ≈ 1.2e-10.
const RANDOM_PPND7_C0: f32 = 1.4234372777;
const RANDOM_PPND7_C1: f32 = 2.75681539;
const RANDOM_PPND7_C2: f32 = 1.3067284816;
const RANDOM_PPND7_C3: f32 = 0.17023821103;
const RANDOM_PPND7_D1: f32 = 0.7370016425;
const RANDOM_PPND7_D2: f32 = 0.12021132975;

// Uniform in (0, 1): midpoint of cell ⌊w / 2^9⌋ of 2^23 equal cells.
fn random_uniform01(w: u32) -> f32 {
  return f32(w >> 9u) * 0x1p-23f + 0x1p-24f;
}

// Standard normal Φ⁻¹((w + ½)·2^-32), AS241 PPND7.
fn random_normal(w: u32) -> f32 {
  let positive = w >= 0x80000000u;
  let a = select(w, ~w, positive); // min(w, ~w) < 2^31
  var z: f32;
  if (a >= RANDOM_NORMAL_CENTRAL_MIN_TAIL_INDEX) {
    // |p − ½| = (2^31 − 1 − a + ½)·2^-32 (correct to f32 rounding).
    let q = f32(0x7FFFFFFFu - a) * 0x1p-32f + 0x1p-33f;
    let r = 0.180625 - q * q;
    z = q * (((RANDOM_PPND7_A3 * r + RANDOM_PPND7_A2) * r + RANDOM_PPND7_A1) * r + RANDOM_PPND7_A0)
      / (((RANDOM_PPND7_B3 * r + RANDOM_PPND7_B2) * r + RANDOM_PPND7_B1) * r + 1.0);
  } else {
    // Tail probability t = min(p, 1 − p) = (a + ½)·2^-32 ∈ [2^-33, 0.075).
    let t = f32(a) * 0x1p-32f + 0x1p-33f;
    // s ∈ [0.0094, 3.18]: every Horner term below is positive (no cancellation).
    let s = sqrt(-log(t)) - 1.6;
    z = (((RANDOM_PPND7_C3 * s + RANDOM_PPND7_C2) * s + RANDOM_PPND7_C1) * s + RANDOM_PPND7_C0)
      / ((RANDOM_PPND7_D2 * s + RANDOM_PPND7_D1) * s + 1.0);
  }
  return select(-z, z, positive);
}

// Four standard normals, one per word.
fn random_normal4(w: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(random_normal(w.x), random_normal(w.y), random_normal(w.z), random_normal(w.w));
}

// Four uniforms in (0, 1), one per word.
fn random_uniform4(w: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(random_uniform01(w.x), random_uniform01(w.y), random_uniform01(w.z), random_uniform01(w.w));
}
