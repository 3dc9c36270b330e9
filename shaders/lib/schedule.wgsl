// Step-size schedules over the step index k (docs/architecture.md, "Schedules"), read
// from `model` at `at`: [kind, a, b, c, lo, hi] (src/schedules/schedule.ts).
//   kind 0 constant       a
//   kind 1 step           a · b^⌊k / c⌋            (initial, factor, every)
//   kind 2 inverse-power  a · (k + 1)^(−b)         (scale, power)
//   kind 3 polynomial     a · max(0, 1 − k/c)^b    (initial, power, total)
// randomScale [lo, hi]: one factor per trajectory, uniform in [lo, hi], drawn
// once by `schedule_factor` (purpose STEPSIZE, step 0, block 0, word `slot`);
// dynamics keep it in their Aux state and multiply.

const SCHEDULE_WORDS: u32 = 6u;

fn schedule_value(at: u32, k: u32) -> f32 {
  let kind = u32(model[at]);
  let a = model[at + 1u];
  let b = model[at + 2u];
  let c = model[at + 3u];
  if (kind == 1u) {
    return a * pow(b, f32(k / u32(c)));
  }
  if (kind == 2u) {
    return a * pow(f32(k) + 1.0, -b);
  }
  if (kind == 3u) {
    return a * pow(max(0.0, 1.0 - f32(k) / c), b);
  }
  return a;
}

fn schedule_factor(at: u32, stream: TrajectoryStream, slot: u32) -> f32 {
  let lo = model[at + 4u];
  let hi = model[at + 5u];
  if (lo == hi) {
    return lo;
  }
  let u = random_uniform01(trajectory_words(stream, 0u, RNG_PURPOSE_STEPSIZE, 0u)[slot]);
  return fma(hi - lo, u, lo);
}
