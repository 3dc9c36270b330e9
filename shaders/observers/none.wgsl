// Observer: none. The kernels call `observer_start` on the initial state and
// `observer_step` after every step (with the states before and after it);
// escape detection and other per-step observers implement them and keep their
// results in the trajectory's record words after RECORD_DIVERGED. This one
// records nothing and never stops a trajectory.

fn observer_start(x: ptr<function, State>, local: u32) {
}

fn observer_stopped(local: u32) -> bool {
  return false;
}

fn observer_step(before: ptr<function, State>, x: ptr<function, State>, k: u32, stream: TrajectoryStream, local: u32) -> bool {
  return false;
}
