// Observer: none. The integrate kernel calls `observer_step` after every step
// with the new state and its step index; escape detection and other per-step
// observers implement it and keep their results in the trajectory's record
// words after RECORD_DIVERGED. This one records nothing.

fn observer_step(x: ptr<function, State>, step: u32, local: u32) {
}
