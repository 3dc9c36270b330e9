// The loop canary: tells whether the driver cut this invocation's loops short.
// Mesa's llvmpipe over OpenGL ES (gallivm) gives each SIMD bundle of
// invocations one budget of 65,535 loop passes for all its loops together
// (nested ones too; a loop's last, exiting pass counts). Once it is spent,
// every loop leaves after the pass it is in, silently. Called last in a
// kernel, a loop of `trips` passes (2, from a uniform, so the compiler cannot
// unroll it: an unrolled loop spends no budget) runs all of them only if the
// budget held; fewer means a loop before it may have been cut.
fn loop_canary_passes(trips: u32) -> u32 {
  var passes = 0u;
  for (var i = 0u; i < trips; i++) {
    passes++;
  }
  return passes;
}
