// Kernel: the one time loop. Each invocation carries one trajectory through
// `control.step_count` steps with its state in registers, calling the composed
// objective, dynamics and observer modules. Checkpoints are dispatch
// boundaries: the host dispatches up to the next checkpoint, then reduces.
// Random numbers: whatever the dynamics, noise and observer modules draw (their
// headers say), keyed by (trajectory, step, purpose, block) only.

// #include "lib/rng_streams.wgsl"
// #include "lib/state.wgsl"
// #include "lib/ensemble_bindings.wgsl"
// #include "lib/loop_canary.wgsl"
// #include "lib/trajectory.wgsl"
// #include <objective>
// #include <noise>
// #include <dynamics>
// #include <observer>

@compute @workgroup_size(WORKGROUP_SIZE)
fn integrate(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let local = local_trajectory(wg, lane);
  if (local >= control.count) {
    return;
  }
  // A diverged trajectory stays frozen: it is counted, never averaged in.
  // A stopped one (first exit with `escape.stop`) keeps its exit state.
  if (records[local * RECORD_WORDS + RECORD_DIVERGED] != 0u || observer_stopped(local)) {
    return;
  }
  let stream = trajectory_stream(control.key, control.offset_lo, control.offset_hi, local);
  load_model();
  var s = 0u; // steps entered
#if ${STATE_IN_STORAGE}
  // Dynamics with large states update state[local·DIM …] and aux in place, without
  // a private copy (whose compile time grows as d² on llvmpipe); no observer.
  for (; s < control.step_count; s++) {
    dynamics_step(local, control.step_begin + s, stream);
  }
  for (var i = 0u; i < DIM; i++) {
    if ((bitcast<u32>(state[local * DIM + i]) & 0x7f800000u) == 0x7f800000u) {
      records[local * RECORD_WORDS + RECORD_DIVERGED] = control.step_begin + control.step_count;
      break;
    }
  }
#else
  var x = load_state(local);
  var a = load_aux(local);
  for (; s < control.step_count; s++) {
    let k = control.step_begin + s;
    var before = x;
    dynamics_step(&x, &a, k, stream);
    // A probe keeps every trajectory stepping, so each spends its whole loop budget.
    if (observer_step(&before, &x, k, stream, local) && control.probe == 0u) {
      break;
    }
  }
  if (!state_is_finite(&x)) {
    records[local * RECORD_WORDS + RECORD_DIVERGED] = control.step_begin + control.step_count;
  }
  store_state(local, &x);
  store_aux(local, &a);
#endif
  // Last: did the driver cut any loop above (a loop-iteration limit)? The host refuses the results then.
  if (loop_canary_passes(control.canary_trips) < control.canary_trips) {
    atomicMin(&loop_cuts[0], control.step_begin + s);
  }
}
