import { escapeView } from './escape-view';

export default escapeView({
  timeUnit: 'η·steps',
  axes: (c) => {
    const r = Math.max(1.2 * c.radius, 1);
    return {
      x: { range: [-r, r], label: 'x₁ (positive curvature)' },
      y: { range: [-r, r], label: 'x₂ (negative curvature −κ)' },
      circles: [{ center: [0, 0], radius: c.radius, label: `R = ${c.radius}`, color: '#8c959f' }],
    };
  },
});
