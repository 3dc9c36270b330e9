// Step-size schedules over the step index k (docs/architecture.md, "Schedules"), read
// from `model` at `at`: the kind at SCHEDULE_CODE, (a, b, c) at SCHEDULE_ARGS,
// randomScale [lo, hi] at SCHEDULE_RANDOM_SCALE (declared in src/schedules/schedule.ts):
//   constant       a
//   step           a · b^⌊k / c⌋            (initial, factor, every)
//   inverse-power  a · (k + 1)^(−b)         (scale, power)
//   polynomial     a · max(0, 1 − k/c)^b    (initial, power, total)
// randomScale [lo, hi]: one factor per trajectory, uniform in [lo, hi], drawn
// once by `schedule_factor` (purpose STEPSIZE, step 0, block 0, word `slot`);
// dynamics keep it in their Aux state and multiply.

fn schedule_value(at: u32, k: u32) -> f32 {
  let kind = u32(model[at + SCHEDULE_CODE]);
  let a = model[at + SCHEDULE_ARGS];
  let b = model[at + SCHEDULE_ARGS + 1u];
  let c = model[at + SCHEDULE_ARGS + 2u];
  if (kind == SCHEDULE_STEP) {
    return a * pow(b, f32(k / u32(c)));
  }
  if (kind == SCHEDULE_INVERSE_POWER) {
    return a * pow(f32(k) + 1.0, -b);
  }
  if (kind == SCHEDULE_POLYNOMIAL) {
    return a * pow(max(0.0, 1.0 - f32(k) / c), b);
  }
  return a;
}

fn schedule_factor(at: u32, stream: TrajectoryStream, slot: u32) -> f32 {
  let lo = model[at + SCHEDULE_RANDOM_SCALE];
  let hi = model[at + SCHEDULE_RANDOM_SCALE + 1u];
  if (lo == hi) {
    return lo;
  }
  let u = random_uniform01(trajectory_words(stream, 0u, RNG_PURPOSE_STEPSIZE, 0u)[slot]);
  return fma(hi - lo, u, lo);
}
