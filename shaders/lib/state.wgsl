// One trajectory's state, kept in registers (or the compiler's per-thread
// scratch memory when DIM is large) for a whole dispatch of many steps.
// DIM comes from the composed preamble.

alias State = array<f32, DIM>;
