import { escapeView } from './escape-view';

export default escapeView({
  timeUnit: 'η·steps',
  axes: (c) => ({
    x: { range: [-c.sharp - 1, c.flat + 1.2], label: 'x₁ (starts in the sharp minimum)' },
    y: { range: [-c.sharp - 1, c.flat + 1.2], label: 'x₂ (starts in the flat minimum)' },
    guides: [
      { x: 0, label: 'saddle', color: '#8c959f' },
      { y: 0, label: 'saddle', color: '#8c959f' },
    ],
  }),
});
