// Dynamics: the randomized minimizing movement (docs/math.md §1b; Domínguez Corella &
// Hernández, arXiv:2407.07556):  x_{k+1} = prox_{h F_{B_k}}(x_k),
// F_B = (n/b) Σ_{i∈B} w_i f_i. Quadratic batches: (I + hQ_B)⁻¹(x + hq_B), the
// matrix precomputed in float64; a nonsmooth component (b = 1): its proximal map
// with the scaling rule prox_{h·f/q} = prox_{(h/q)·f} (soft threshold κ = h·n·w_i·λ;
// projections do not depend on h). Model time = step × h.
// Parameters: the batch maps (lib/batch_maps.wgsl).
// State in storage (STATE_IN_STORAGE); aux: DIM words of scratch at BATCH_SCRATCH.
// Random numbers: the batch of step k from (k, MINIBATCH, blocks 0…⌈b/4⌉−1), the
// mini-batch flow's and SGD's batch at step k.

// #include "lib/batch_draw.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
}

fn dynamics_step(local: u32, k: u32, stream: TrajectoryStream) {
  batch_map_apply(local * DIM, local * AUX_DIM + BATCH_SCRATCH, batch_of_step(stream, k, 0u), batch_step_length());
}
