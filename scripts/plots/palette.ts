// Category colours of the figures (the Tableau 10 order), assigned by name so a
// dynamics item keeps its colour across the panels of one figure.

export const CATEGORY_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** A colour per distinct name, in order of first request. */
export function colorByName(first: readonly string[] = []): (name: string) => string {
  const assigned = new Map<string, string>();
  const color = (name: string) => {
    if (!assigned.has(name)) assigned.set(name, CATEGORY_COLORS[assigned.size % CATEGORY_COLORS.length]);
    return assigned.get(name)!;
  };
  first.forEach(color);
  return color;
}
