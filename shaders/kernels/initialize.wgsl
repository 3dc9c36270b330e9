// Kernel: initial states  x0 = mean + std ⊙ Z,  Z from purpose INIT at step 0.
// A fixed point x0 has std = 0 and comes out exactly as given.
// Parameters: the initial law's mean (DIM words at INIT_MEAN) and std (at INIT_STD).
// The dynamics sets its own state (momentum 0, step-size factors from the
// STEPSIZE stream). The observer sees the initial state (an escape region may not contain it).
// Random numbers: DIM normals per trajectory (purpose INIT, step 0, blocks 0…⌈DIM/4⌉−1).

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
fn initialize(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let local = local_trajectory(wg, lane);
  if (local >= control.count) {
    return;
  }
  let stream = trajectory_stream(control.key, control.replica, control.offset_lo, control.offset_hi, local);
  load_model();
  var x: State;
  for (var block = 0u; block * 4u < DIM; block++) {
    let words = trajectory_words(stream, 0u, RNG_PURPOSE_INIT, block);
    for (var l = 0u; l < 4u; l++) {
      let i = block * 4u + l;
      if (i < DIM) {
        x[i] = fma(model[INIT_STD + i], random_normal(words[l]), model[INIT_MEAN + i]);
      }
    }
  }
  var a: Aux;
  dynamics_init(&x, &a, stream);
  store_state(local, &x);
  store_aux(local, &a);
  for (var w = 0u; w < RECORD_WORDS; w++) {
    records[local * RECORD_WORDS + w] = 0u;
  }
  observer_start(&x, local);
  if (loop_canary_passes(control.canary_trips) < control.canary_trips) {
    atomicMin(&loop_cuts[0], 0u);
  }
}
