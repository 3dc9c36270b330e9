// Bindings shared by the kernels that own the ensemble state: `initialize` and
// `integrate` (one bind group serves both). Layout of RunControl mirrored in
// src/ensemble/layout.ts (tested against these offsets).

struct RunControl {
  key: vec2<u32>,       // the seed's key words k0, k1      (offset 0)
  offset_lo: u32,       // global index of the chunk's first trajectory, low word   (8)
  offset_hi: u32,       //   … high word                   (12)
  count: u32,           // trajectories in this chunk      (16)
  step_begin: u32,      // first step this dispatch takes  (20)
  step_count: u32,      // steps this dispatch takes       (24)
  groups_x: u32,        // workgroups per row of a 2-D dispatch (28)
  canary_trips: u32,    // passes of the loop canary (lib/loop_canary.wgsl): 2 (32)
  probe: u32,           // 1 in a loop-budget probe: first exits do not stop a trajectory (36)
  replica: u32,         // the run's noise replica, key word k2 (lib/rng_streams.wgsl) (40)
}

@group(0) @binding(0) var<uniform> control: RunControl;
@group(0) @binding(1) var<storage, read_write> state: array<f32>;    // count × DIM, trajectory-major
@group(0) @binding(3) var<storage, read_write> records: array<u32>;  // RECORD_WORDS per trajectory
// Finite-sum data of the objective (samples, features), shared by all trajectories.
@group(0) @binding(4) var<storage, read> data: array<f32>;
@group(0) @binding(5) var<storage, read_write> aux: array<f32>;      // count × AUX_DIM: the dynamics' own state
// Loop cuts (lib/loop_canary.wgsl): word 0 the least step reached by an
// invocation of initialize (0) or integrate (step_begin + steps entered) whose
// loops were cut, 0xFFFFFFFF while none. Word 1 is the reduction's.
@group(0) @binding(6) var<storage, read_write> loop_cuts: array<atomic<u32>>;

// The model parameters (offsets in the preamble). Objective, dynamics and
// initial-law code reads `model[…]`. Small models (MODEL_PRIVATE) are copied
// once per invocation into private memory: on software rasterizers a storage
// read inside the step loop is a bounds-checked gather per lane, and the copy
// made the gradient step about 3× faster on llvmpipe. Large models (d ≳ 30
// for a dense quadratic) are read from the storage buffer in place.
#if ${MODEL_PRIVATE}
@group(0) @binding(2) var<storage, read> params: array<f32>;
var<private> model: array<f32, PARAMS_WORDS>;

fn load_model() {
  for (var i = 0u; i < PARAMS_WORDS; i++) {
    model[i] = params[i];
  }
}
#else
@group(0) @binding(2) var<storage, read> model: array<f32>;

fn load_model() {
}
#endif

override WORKGROUP_SIZE: u32 = 64u;

// Word 0 of a trajectory's record: 0 while finite, else the step by which it
// was found non-finite. Word 1: the first exit step of the escape observer
// (0xFFFFFFFF while inside, unused without one). RECORD_WORDS is 2.
const RECORD_DIVERGED: u32 = 0u;
const RECORD_EXIT: u32 = 1u;

// Index of this invocation's trajectory within the chunk, for 1-D and 2-D dispatches.
fn local_trajectory(wg: vec3<u32>, lane: u32) -> u32 {
  return (wg.y * control.groups_x + wg.x) * WORKGROUP_SIZE + lane;
}

fn load_state(local: u32) -> State {
  var x: State;
  for (var i = 0u; i < DIM; i++) {
    x[i] = state[local * DIM + i];
  }
  return x;
}

fn store_state(local: u32, x: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    state[local * DIM + i] = (*x)[i];
  }
}

fn load_aux(local: u32) -> Aux {
  var a: Aux;
  for (var i = 0u; i < AUX_DIM; i++) {
    a[i] = aux[local * AUX_DIM + i];
  }
  return a;
}

fn store_aux(local: u32, a: ptr<function, Aux>) {
  for (var i = 0u; i < AUX_DIM; i++) {
    aux[local * AUX_DIM + i] = (*a)[i];
  }
}
