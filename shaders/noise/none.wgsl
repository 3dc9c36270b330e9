// Gradient noise: none. The discrete dynamics call `noise_grad` for their
// gradient estimate g_k; here it is the exact gradient (or, for nonsmooth
// objectives, the subgradient the objective module documents).
// Random numbers: none.

fn noise_grad(x: ptr<function, State>, g: ptr<function, State>, k: u32, stream: TrajectoryStream) {
  objective_grad(x, g);
}
