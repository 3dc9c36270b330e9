/**
 * Heavy-ball's implicit regularization (docs/math.md §3c, "steady modified equation"):
 * with the effective step η_eff = η/(1−β), HB follows, in gradient-flow time
 * τ = k·η_eff, the gradient flow of
 *   f + λ‖∇f‖² + O(η²),   λ = η_eff(1+β)/(4(1−β)),
 * while gradient descent at lr η_eff follows f + (η_eff/4)‖∇f‖² (β = 0). HB therefore
 * penalizes ‖∇f‖² (1+β)/(1−β) times more strongly than GD at the matched effective
 * step. The η² term is ‖∇f‖² times the directional smoothness ∇fᵀH∇f/‖∇f‖², with
 * coefficient η²(1+10β+β²)/(12(1−β)⁵) (η²/12 for GD).
 *
 * Measurable consequence used by experiments/hb-directional-smoothness.json: near a
 * minimum with curvature h, the regularizer speeds the decay of ‖∇f‖² by the excess
 * rate 4λh² per unit τ over gradient flow's 2h. The exact linearized excess, from
 * HB's dominant root r₊ (docs/math.md §3c), is 2(−log r₊(ηh))/η_eff − 2h.
 */

/** λ of the modified loss f + λ‖∇f‖² (in τ = k·η_eff) of HB with effective step η_eff and momentum β; β = 0 is GD. */
export function gradientRegularizerCoefficient(etaEff: number, beta: number): number {
  checkMethod(etaEff, beta);
  return (etaEff * (1 + beta)) / (4 * (1 - beta));
}

/** The η² coefficient of ∇fᵀH∇f in HB's modified loss (divided by 1/(1−β), the form of docs/math.md §3c): η²(1+10β+β²)/(12(1−β)⁵). */
export function smoothnessRegularizerCoefficient(eta: number, beta: number): number {
  checkMethod(eta, beta);
  return (eta * eta * (1 + 10 * beta + beta * beta)) / (12 * (1 - beta) ** 5);
}

/** The first-order prediction of the excess decay rate of ‖∇f‖² near a minimum of curvature h: 4λh² per unit τ. */
export function firstOrderExcessDecayRate(h: number, etaEff: number, beta: number): number {
  return 4 * gradientRegularizerCoefficient(etaEff, beta) * h * h;
}

/**
 * The exact excess decay rate of ‖∇f‖² per unit τ = k·η_eff near a minimum of
 * curvature h: HB's asymptotic rate 2(−log r₊)/η_eff, with r₊ the dominant root of
 * r² − (1+β−ηh)r + β (η = η_eff(1−β)), minus gradient flow's 2h. β = 0 gives GD's
 * 2(−log(1−η_eff h))/η_eff − 2h. Requires the overdamped regime ηh < (1−√β)².
 */
export function exactExcessDecayRate(h: number, etaEff: number, beta: number): number {
  checkMethod(etaEff, beta);
  if (!(h > 0)) throw new Error(`exactExcessDecayRate: curvature h must be positive, got ${h}`);
  const eta = etaEff * (1 - beta);
  const z = eta * h;
  const b = 1 + beta - z;
  const discriminant = b * b - 4 * beta;
  if (!(discriminant > 0) || !(b > 0)) {
    throw new Error(`exactExcessDecayRate: ηh = ${z} is outside the overdamped regime ηh < (1−√β)² = ${(1 - Math.sqrt(beta)) ** 2}`);
  }
  const rootPlus = (b + Math.sqrt(discriminant)) / 2;
  return (2 * -Math.log(rootPlus)) / etaEff - 2 * h;
}

function checkMethod(step: number, beta: number): void {
  if (!(step > 0) || !Number.isFinite(step)) throw new Error(`step size must be a positive finite number, got ${step}`);
  if (!(beta >= 0 && beta < 1)) throw new Error(`momentum β must be in [0, 1), got ${beta}`);
}
