// Kernel: the one time loop. Each invocation carries one trajectory through
// `control.step_count` steps with its state in registers, calling the composed
// objective, dynamics and observer modules. Checkpoints are dispatch
// boundaries: the host dispatches up to the next checkpoint, then reduces.
// Random numbers: the step's Brownian increment (lib/brownian.wgsl: drawn here
// into `brownian_z` when the composed modules read it, BROWNIAN) and whatever
// the dynamics, noise and observer modules draw themselves (their headers say),
// keyed by (trajectory, step or fine-grid index, purpose, block) only. Where
// steps share NOISE blocks (BROWNIAN_GROUPED: at d = 1, four steps a block),
// an aligned group of steps is taken from one draw of its blocks.

// #include "lib/rng_streams.wgsl"
// #include "lib/state.wgsl"
// #include "lib/ensemble_bindings.wgsl"
// #include "lib/loop_canary.wgsl"
// #include "lib/trajectory.wgsl"
// #include "lib/brownian.wgsl"
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
  let stream = trajectory_stream(control.key, control.replica, control.offset_lo, control.offset_hi, local);
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
  while (s < control.step_count) {
    let k = control.step_begin + s;
#if ${BROWNIAN}
#if ${BROWNIAN_GROUPED}
    // Steps share NOISE blocks: draw the group holding step k once, then take
    // its steps from g0 = k mod BROWNIAN_GROUP on, while the dispatch lasts.
    // The group's steps are written out, not looped: with a constant g every
    // index into the group's normals is constant, so they stay in registers.
    let g0 = k % BROWNIAN_GROUP;
    let group_begin = k - g0;
    brownian_group(group_begin, stream);
    if (g0 == 0u) {
      brownian_take(0u);
      if (integrate_step(&x, &a, group_begin, stream, local)) {
        break;
      }
      s++;
    }
    if (g0 <= 1u && s < control.step_count) {
      brownian_take(1u);
      if (integrate_step(&x, &a, group_begin + 1u, stream, local)) {
        break;
      }
      s++;
    }
#if ${BROWNIAN_GROUP_OF_4}
    if (g0 <= 2u && s < control.step_count) {
      brownian_take(2u);
      if (integrate_step(&x, &a, group_begin + 2u, stream, local)) {
        break;
      }
      s++;
    }
    if (s < control.step_count) {
      brownian_take(3u);
      if (integrate_step(&x, &a, group_begin + 3u, stream, local)) {
        break;
      }
      s++;
    }
#endif
#else
    brownian_step(k, stream);
    if (integrate_step(&x, &a, k, stream, local)) {
      break;
    }
    s++;
#endif
#else
    if (integrate_step(&x, &a, k, stream, local)) {
      break;
    }
    s++;
#endif
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

#if ${STATE_IN_STORAGE}
#else
// One step of the dynamics and the observer's look at it; true when the
// trajectory stops (its first exit, with `escape.stop`).
fn integrate_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream, local: u32) -> bool {
  var before = *x;
  dynamics_step(x, a, k, stream);
  // A probe keeps every trajectory stepping, so each spends its whole loop budget.
  return observer_step(&before, x, k, stream, local) && control.probe == 0u;
}
#endif
