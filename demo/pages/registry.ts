/**
 * The demo's pages, in menu order. A page is a definition (pure: parameters,
 * experiment, numbers) whose view is loaded on demand; add one line here.
 * The page for the mini-batch flow (issue 8) joins when its model lands.
 */
import type { PageDefinition } from '../app/page-definition';
import { saddlePage } from './escape/saddle-page';
import { sharpFlatPage } from './escape/sharp-flat-page';
import { hbOrdersPage } from './hb-orders/hb-orders-page';
import { twoTimescalePage } from './two-timescale/two-timescale-page';
import { graduatedPage } from './graduated/graduated-page';

export const PAGES: PageDefinition[] = [sharpFlatPage, saddlePage, hbOrdersPage, twoTimescalePage, graduatedPage];
