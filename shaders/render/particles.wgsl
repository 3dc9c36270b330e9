// Render: the ensemble's particles, drawn straight from the engine's state
// buffer (no readback). One instance per trajectory; its first two coordinates
// arrive as an instanced vertex attribute (the state buffer bound as a vertex
// buffer with arrayStride = DIM · 4), its record words (divergence step, first
// exit step) as a second one. A 1-D state has no second coordinate (the
// attribute's missing component reads 0): the y position is then a fixed
// per-trajectory jitter, so the cloud shows the distribution along x.
// Each particle is a small screen-aligned square (4-vertex triangle strip).

struct View {
  lo: vec2<f32>,          // data coordinates at the lower-left corner
  hi: vec2<f32>,          // … at the upper-right corner
  half_size: vec2<f32>,   // half a particle, in clip units (x, y)
  one_d: u32,             // 1: y = jitter
  pad: u32,
  inside: vec4<f32>,      // colour (premultiplied alpha) of a trajectory still inside the escape region
  exited: vec4<f32>,      // colour of one that has left it
}

@group(0) @binding(0) var<uniform> view: View;

struct Out {
  @builtin(position) position: vec4<f32>,
  @location(0) color: vec4<f32>,
}

const NOT_EXITED: u32 = 0xFFFFFFFFu;

// A fixed pseudo-random height in [0, 1) per trajectory (a 32-bit integer hash).
fn jitter(i: u32) -> f32 {
  var h = i * 747796405u + 2891336453u;
  h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
  h = (h >> 22u) ^ h;
  return f32(h >> 8u) / 16777216.0;
}

@vertex
fn vertex_main(
  @builtin(vertex_index) corner: u32,
  @builtin(instance_index) trajectory: u32,
  @location(0) x: vec2<f32>,
  @location(1) record: vec2<u32>,
) -> Out {
  var out: Out;
  var p = x;
  if (view.one_d == 1u) {
    p.y = mix(view.lo.y, view.hi.y, 0.1 + 0.8 * jitter(trajectory));
  }
  let clip = (p - view.lo) / (view.hi - view.lo) * 2.0 - 1.0;
  let offset = vec2<f32>(select(-1.0, 1.0, (corner & 1u) == 1u), select(-1.0, 1.0, (corner & 2u) == 2u)) * view.half_size;
  let finite = record.x == 0u && all(abs(p) < vec2<f32>(1e30));
  // A diverged trajectory is pushed outside the clip volume (not drawn).
  out.position = select(vec4<f32>(2.0, 2.0, 2.0, 1.0), vec4<f32>(clip + offset, 0.0, 1.0), finite);
  out.color = select(view.exited, view.inside, record.y == NOT_EXITED);
  return out;
}

@fragment
fn fragment_main(in: Out) -> @location(0) vec4<f32> {
  return in.color;
}
