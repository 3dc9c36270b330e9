// Identity of one trajectory's random stream: the run's Philox key and the
// trajectory's 64-bit global index (lo, hi). Every random number a trajectory
// draws is a pure function of this, the step index, the purpose and the block
// (docs/architecture.md, "Random numbers"), never of a thread id or a chunk offset.

struct TrajectoryStream {
  key: vec2<u32>,
  lo: u32,
  hi: u32,
}

// Global index = chunk offset (64-bit) + local index, with the carry done in u32.
fn trajectory_stream(key: vec2<u32>, offset_lo: u32, offset_hi: u32, local: u32) -> TrajectoryStream {
  let lo = offset_lo + local;
  let carry = select(0u, 1u, lo < offset_lo);
  return TrajectoryStream(key, lo, offset_hi + carry);
}

fn trajectory_words(stream: TrajectoryStream, step: u32, purpose: u32, block: u32) -> vec4<u32> {
  return philox4x32_10(rng_counter(stream.lo, stream.hi, step, purpose, block), stream.key);
}

// A state is finite when no coordinate is NaN or ±Inf. WGSL has no isnan and
// compilers may assume finite floats, so the exponent bits are tested directly.
fn state_is_finite(x: ptr<function, State>) -> bool {
  for (var i = 0u; i < DIM; i++) {
    if ((bitcast<u32>((*x)[i]) & 0x7f800000u) == 0x7f800000u) {
      return false;
    }
  }
  return true;
}
