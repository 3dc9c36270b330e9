// The embedding example's own drawing (demo/embed/): an app-side pipeline that
// reads sdeflow's state buffer as an instanced vertex buffer (float32x2 per
// trajectory) and draws each trajectory as a small square. `scale` maps data
// coordinates to clip space; `size` is half a square in clip units.

struct Uniforms {
  scale: vec2<f32>,
  size: vec2<f32>,
}

@group(0) @binding(0) var<uniform> u: Uniforms;

@vertex
fn vs(@builtin(vertex_index) corner: u32, @location(0) x: vec2<f32>) -> @builtin(position) vec4<f32> {
  let offset = vec2<f32>(f32(corner & 1u) * 2.0 - 1.0, f32((corner >> 1u) & 1u) * 2.0 - 1.0);
  return vec4<f32>(x * u.scale + offset * u.size, 0.0, 1.0);
}

@fragment
fn fs() -> @location(0) vec4<f32> {
  return vec4<f32>(0.12, 0.44, 0.92, 1.0) * 0.5; // premultiplied, half opaque
}
