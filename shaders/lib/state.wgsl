// One trajectory's state, kept in registers (or the compiler's per-thread
// scratch memory when DIM is large) for a whole dispatch of many steps.
// DIM comes from the composed preamble. `State` is the position x, the part
// every statistic sees; `Aux` is what a dynamics carries besides (momentum,
// per-trajectory step-size factors; AUX_DIM ≥ 1 words, unused by dynamics
// that carry nothing).

alias State = array<f32, DIM>;
alias Aux = array<f32, AUX_DIM>;
