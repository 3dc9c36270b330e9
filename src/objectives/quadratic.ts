import source from '../../shaders/objectives/quadratic.wgsl?raw';
import { referenceQuadratic } from '../reference/objectives/quadratic';
import type { ObjectiveDescriptor } from './objective-descriptor';

import type { QuadraticObjective } from '../experiment/objectives/quadratic';

/** f(x) = ½ xᵀA x − bᵀx with A symmetric (indefinite allowed); the parameters as validated by the experiment layer. */
export type { QuadraticObjective };

export const quadratic: ObjectiveDescriptor<QuadraticObjective> = {
  kind: 'quadratic',
  title: 'quadratic ½xᵀAx − bᵀx',
  shader: { path: 'objectives/quadratic.wgsl', source },
  pack: (o) => [...o.A.flat(), ...o.b],
  reference: (o, dim) => referenceQuadratic(o, dim),
};
