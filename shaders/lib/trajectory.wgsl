// Identity of one trajectory's random stream: the run's Threefry key (seed words,
// replica, 0) and the trajectory's 64-bit global index (lo, hi). Every random number a trajectory
// draws is a pure function of this, the step index, the purpose and the block
// (docs/architecture.md, "Random numbers"), never of a thread id or a chunk offset.

struct TrajectoryStream {
  key: vec4<u32>,
  lo: u32,
  hi: u32,
}

// Global index = chunk offset (64-bit) + local index, with the carry done in u32.
fn trajectory_stream(key: vec2<u32>, replica: u32, offset_lo: u32, offset_hi: u32, local: u32) -> TrajectoryStream {
  let lo = offset_lo + local;
  let carry = select(0u, 1u, lo < offset_lo);
  return TrajectoryStream(vec4<u32>(key, replica, 0u), lo, offset_hi + carry);
}

// The 4 words of (step, purpose, block) for every purpose but NOISE.
fn trajectory_words(stream: TrajectoryStream, step: u32, purpose: u32, block: u32) -> vec4<u32> {
  return threefry4x32_20(rng_counter(stream.lo, stream.hi, step, purpose, block), stream.key);
}

// The 4 words of block (lo, hi) of the dense Brownian stream (purpose NOISE = 0).
fn trajectory_brownian_words(stream: TrajectoryStream, block_lo: u32, block_hi: u32) -> vec4<u32> {
  return threefry4x32_20(vec4<u32>(stream.lo, block_lo, (RNG_PURPOSE_NOISE << 16u) | block_hi, stream.hi), stream.key);
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
