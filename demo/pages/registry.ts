/**
 * The demo's pages, in menu order. A page is a definition (pure: parameters,
 * experiment, numbers) whose view is loaded on demand; add one line here.
 */
import type { PageDefinition } from '../app/page-definition';
import { saddlePage } from './escape/saddle-page';
import { sharpFlatPage } from './escape/sharp-flat-page';
import { hbOrdersPage } from './hb-orders/hb-orders-page';
import { twoTimescalePage } from './two-timescale/two-timescale-page';
import { graduatedPage } from './graduated/graduated-page';
import { minibatchFlowPage } from './minibatch-flow/minibatch-flow-page';

export const PAGES: PageDefinition[] = [sharpFlatPage, saddlePage, hbOrdersPage, twoTimescalePage, graduatedPage, minibatchFlowPage];
