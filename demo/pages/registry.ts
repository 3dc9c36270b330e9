/**
 * The demo's pages, in menu order. A page is a definition (pure: parameters,
 * experiment, numbers) whose view is loaded on demand; add one line here.
 * Pages for the mini-batch flow (issue 8) and graduated optimization (issue 9)
 * join when their models land.
 */
import type { PageDefinition } from '../app/page-definition';
import { saddlePage } from './escape/saddle-page';
import { sharpFlatPage } from './escape/sharp-flat-page';
import { hbOrdersPage } from './hb-orders/hb-orders-page';
import { twoTimescalePage } from './two-timescale/two-timescale-page';

export const PAGES: PageDefinition[] = [sharpFlatPage, saddlePage, hbOrdersPage, twoTimescalePage];
