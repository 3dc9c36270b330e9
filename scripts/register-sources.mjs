// Registers the hooks that let plain Node run the TypeScript sources:
// `?raw` shader imports first, then tsx for TypeScript itself.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./raw-loader.mjs', import.meta.url);
registerTsx();
