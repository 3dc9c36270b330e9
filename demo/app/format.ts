/** Numbers for people: 4 significant digits, thousands separated, exponents for the very small and large. */
export function formatValue(v: number, digits?: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
  if (digits !== undefined) return v.toFixed(digits);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return Number(v.toPrecision(4)).toString();
}
