// Kernel: generator throughput, for bench/rng-generators.ts — Philox4x32-10
// against Threefry4x32-20 in the same kernel shape (flag THREEFRY picks
// Threefry, PHILOX_UNROLLED Philox with its round loop written out).
// Not part of any run.
// - generator_blocks: each invocation computes `blocks` generator calls and
//   xors them into one output word, so no call can be optimized away.
// - generator_ou: each invocation is one OU trajectory at d = 1 (Euler–
//   Maruyama x ← x − θ·x·dt + σ√dt·z, as gradient-sde on a quadratic) for
//   `steps` steps. Flag DENSE takes normal s from word s mod 4 of block ⌊s/4⌋
//   (the dense packing of stream version 2 at d = 1, one step a loop pass,
//   the block kept across passes); without it one block per step and its
//   word 0 (stream version 1 at d = 1).
// - generator_ou_normals: the dense packing, one step a loop pass, the
//   block's four normals (not its words) kept across steps.
// - generator_ou4: the dense packing, four steps a loop pass.
// Random numbers: counter (invocation, block or step, 0, 0) under the 128-bit
// key `params.key` (Philox takes its first two words).

// #include "lib/philox.wgsl"
// #include "lib/threefry.wgsl"
// #include "lib/random.wgsl"

struct ThroughputParams {
  key: vec4<u32>,
  blocks: u32,
  steps: u32,
  theta_dt: f32,
  sigma_sqrt_dt: f32,
}

@group(0) @binding(0) var<uniform> params: ThroughputParams;
@group(0) @binding(1) var<storage, read_write> sink: array<u32>; // one word per invocation

// lib/philox.wgsl's philox4x32_10 with its round loop written out: the same
// words (the bench checks them), for whether the loop is what costs (llvmpipe's
// GL path counts every loop iteration of an invocation and does not unroll).
fn philox4x32_10_unrolled(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  let w = vec2<u32>(PHILOX_W0, PHILOX_W1);
  var c = philox_round(ctr, key);
  c = philox_round(c, key + w);
  c = philox_round(c, key + 2u * w);
  c = philox_round(c, key + 3u * w);
  c = philox_round(c, key + 4u * w);
  c = philox_round(c, key + 5u * w);
  c = philox_round(c, key + 6u * w);
  c = philox_round(c, key + 7u * w);
  c = philox_round(c, key + 8u * w);
  return philox_round(c, key + 9u * w);
}

fn generator_block(ctr: vec4<u32>, key: vec4<u32>) -> vec4<u32> {
#if ${THREEFRY}
  return threefry4x32_20(ctr, key);
#elif ${PHILOX_UNROLLED}
  return philox4x32_10_unrolled(ctr, key.xy);
#else
  return philox4x32_10(ctr, key.xy);
#endif
}

fn invocation_index(id: vec3<u32>, groups: vec3<u32>) -> u32 {
  return id.y * groups.x * 64u + id.x;
}

@compute @workgroup_size(64)
fn generator_blocks(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let item = invocation_index(id, groups);
  var acc = vec4<u32>(0u);
  for (var b = 0u; b < params.blocks; b++) {
    acc ^= generator_block(vec4<u32>(item, b, 0u, 0u), params.key);
  }
  sink[item] = acc.x ^ acc.y ^ acc.z ^ acc.w;
}

@compute @workgroup_size(64)
fn generator_ou(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let item = invocation_index(id, groups);
  var x = 1.0;
  var words = vec4<u32>(0u);
  for (var s = 0u; s < params.steps; s++) {
#if ${DENSE}
    if ((s & 3u) == 0u) {
      words = generator_block(vec4<u32>(item, s >> 2u, 0u, 0u), params.key);
    }
    let w = words[s & 3u];
#else
    let w = generator_block(vec4<u32>(item, s, 0u, 0u), params.key).x;
#endif
    x += -params.theta_dt * x + params.sigma_sqrt_dt * random_normal(w);
  }
  sink[item] = bitcast<u32>(x);
}

@compute @workgroup_size(64)
fn generator_ou_normals(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let item = invocation_index(id, groups);
  var x = 1.0;
  var z = vec4<f32>(0.0);
  for (var s = 0u; s < params.steps; s++) {
    if ((s & 3u) == 0u) {
      z = random_normal4(generator_block(vec4<u32>(item, s >> 2u, 0u, 0u), params.key));
    }
    x += -params.theta_dt * x + params.sigma_sqrt_dt * z[s & 3u];
  }
  sink[item] = bitcast<u32>(x);
}

// generator_ou with the dense packing and four steps per loop pass: one block,
// its four normals, four Euler–Maruyama steps (`steps` a multiple of 4).
@compute @workgroup_size(64)
fn generator_ou4(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let item = invocation_index(id, groups);
  var x = 1.0;
  for (var s = 0u; s < params.steps; s += 4u) {
    let z = random_normal4(generator_block(vec4<u32>(item, s >> 2u, 0u, 0u), params.key));
    x += -params.theta_dt * x + params.sigma_sqrt_dt * z.x;
    x += -params.theta_dt * x + params.sigma_sqrt_dt * z.y;
    x += -params.theta_dt * x + params.sigma_sqrt_dt * z.z;
    x += -params.theta_dt * x + params.sigma_sqrt_dt * z.w;
  }
  sink[item] = bitcast<u32>(x);
}
