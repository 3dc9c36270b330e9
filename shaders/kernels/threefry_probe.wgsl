// Kernel: Threefry probe, for the known-answer and GPU-vs-CPU tests of
// lib/threefry.wgsl. For each input item (counter c0…c3, key k0…k3) it writes
// the four Threefry4x32-20 words, so the host can compare them with the
// TypeScript twin (src/rng/threefry.ts) bit by bit.
// Random numbers: exactly the counters and keys given.

// #include "lib/threefry.wgsl"

@group(0) @binding(0) var<storage, read> probe_input: array<u32>;    // 8 words per item
@group(0) @binding(1) var<storage, read_write> probe_output: array<u32>; // 4 words per item

@compute @workgroup_size(64)
fn threefry_probe(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let item = id.y * groups.x * 64u + id.x;
  if (item * 8u >= arrayLength(&probe_input)) {
    return;
  }
  let at = item * 8u;
  let ctr = vec4<u32>(probe_input[at], probe_input[at + 1u], probe_input[at + 2u], probe_input[at + 3u]);
  let key = vec4<u32>(probe_input[at + 4u], probe_input[at + 5u], probe_input[at + 6u], probe_input[at + 7u]);
  let words = threefry4x32_20(ctr, key);
  for (var i = 0u; i < 4u; i++) {
    probe_output[item * 4u + i] = words[i];
  }
}
