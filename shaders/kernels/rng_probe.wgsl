// Kernel: RNG probe, for the known-answer and GPU-vs-CPU tests. For each
// input item (counter c0…c3, key k0 k1, a raw flag, one unused word) it writes
// the four Philox words, their four normals and their four uniforms (as f32
// bits), so the host can compare them with the TypeScript mirror bit by bit.
// With the raw flag set the counter words themselves are transformed, which
// reaches the extreme words (|z| > 6) that no feasible counter search finds.
// Random numbers: exactly the counters given.

// #include "lib/philox.wgsl"
// #include "lib/rng_streams.wgsl"

@group(0) @binding(0) var<storage, read> probe_input: array<u32>;    // 8 words per item
@group(0) @binding(1) var<storage, read_write> probe_output: array<u32>; // 12 words per item

@compute @workgroup_size(64)
fn rng_probe(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let item = id.y * groups.x * 64u + id.x;
  if (item * 8u >= arrayLength(&probe_input)) {
    return;
  }
  let at = item * 8u;
  let ctr = vec4<u32>(probe_input[at], probe_input[at + 1u], probe_input[at + 2u], probe_input[at + 3u]);
  let key = vec2<u32>(probe_input[at + 4u], probe_input[at + 5u]);
  let raw = probe_input[at + 6u] == 1u;
  let words = select(philox4x32_10(ctr, key), ctr, raw);
  let normals = random_normal4(words);
  let uniforms = random_uniform4(words);
  for (var i = 0u; i < 4u; i++) {
    probe_output[item * 12u + i] = words[i];
    probe_output[item * 12u + 4u + i] = bitcast<u32>(normals[i]);
    probe_output[item * 12u + 8u + i] = bitcast<u32>(uniforms[i]);
  }
}
