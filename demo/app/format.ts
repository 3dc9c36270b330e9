/**
 * Numbers for people, in one style. An estimate is never shown bare: a mean
 * carries ± one standard error, a fraction its 95% interval in brackets
 * (asymmetric near 0 and 1, where ± would leave [0, 1]). The error is shown to
 * two significant digits and the value to the same decimal place, so the two
 * carry the same number of decimals. Exact quantities (a parameter, a count)
 * use formatValue.
 */

/** Exact values: 4 significant digits, thousands separated, exponents for the very small and large. */
export function formatValue(v: number, digits?: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
  if (digits !== undefined) return v.toFixed(digits);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return Number(v.toPrecision(4)).toString();
}

/** Significant digits kept of an error. */
const ERROR_DIGITS = 2;

/** Decimal places that show `error` to ERROR_DIGITS significant digits (negative: rounding left of the point). */
export function decimalsFor(error: number): number {
  return ERROR_DIGITS - 1 - Math.floor(Math.log10(error));
}

/** v rounded to `decimals` places (negative: to tens, hundreds, …), as text without a spurious "-0". */
function fixed(v: number, decimals: number): string {
  if (decimals >= 0) {
    const s = v.toFixed(Math.min(decimals, 20));
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  }
  const unit = 10 ** -decimals;
  const r = Math.round(v / unit) * unit;
  return (Object.is(r, -0) ? 0 : r).toLocaleString('en-US', { useGrouping: false });
}

/** Mantissa exponent for the scientific form: values and errors far from 1. */
function sharedExponent(value: number, error: number): number {
  const a = Math.max(Math.abs(value), error);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? Math.floor(Math.log10(a)) : 0;
}

/** "value ± error", both to the error's significant digits; scientific as "(4.52 ± 0.13)e-5". */
export function formatEstimate(value: number, standardError: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (!(Number.isFinite(standardError) && standardError > 0)) return `${formatValue(value)} ± ${standardError === 0 ? '0' : '—'}`;
  const e = sharedExponent(value, standardError);
  const scale = 10 ** e;
  const d = decimalsFor(standardError / scale);
  const body = `${fixed(value / scale, d)} ± ${fixed(standardError / scale, d)}`;
  return e === 0 ? body : `(${body})e${e}`;
}

/** "value [lo, hi]" for a fraction, to the half-width's significant digits; the exact ends 0 and 1 stay "0" and "1". */
export function formatInterval(value: number, lo: number, hi: number): string {
  const half = (hi - lo) / 2;
  if (!(half > 0)) return `${formatValue(value)} [${formatValue(lo)}, ${formatValue(hi)}]`;
  const d = Math.max(0, decimalsFor(half));
  const end = (v: number) => (v === 0 || v === 1 ? String(v) : fixed(v, d));
  return `${end(value)} [${end(lo)}, ${end(hi)}]`;
}
