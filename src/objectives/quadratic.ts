import source from '../../shaders/objectives/quadratic.wgsl?raw';
import { referenceQuadratic } from '../reference/objectives/quadratic';
import type { ObjectiveDescriptor } from './objective-descriptor';

/** f(x) = ½ xᵀA x − bᵀx with A symmetric (indefinite allowed). */
export interface QuadraticObjective {
  kind: 'quadratic';
  A: number[][];
  b: number[];
}

export const quadratic: ObjectiveDescriptor<QuadraticObjective> = {
  kind: 'quadratic',
  title: 'quadratic ½xᵀAx − bᵀx',
  shader: { path: 'objectives/quadratic.wgsl', source },
  pack: (o) => [...o.A.flat(), ...o.b],
  reference: (o, dim) => referenceQuadratic(o, dim),
};
