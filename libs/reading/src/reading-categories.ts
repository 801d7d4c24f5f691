/** Item categories of the annual reading list (年度党风党纪教育清单). */
export const READING_CATEGORIES = ['regulation', 'confession', 'case_handbook', 'theory', 'other'] as const;
/** regulation 党纪法规 · confession 忏悔录 · case_handbook 以案释法 · theory 理论 · other 其他 */
export type ReadingCategory = (typeof READING_CATEGORIES)[number];

/** A person's own status on an item. */
export const READING_STATUSES = ['reading', 'finished'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

export const MIN_READING_YEAR = 2000;
export const MAX_READING_YEAR = 2100;
export const MAX_READING_ITEMS = 200;
export const MAX_READING_TITLE = 300;
export const MAX_READING_NOTE = 2000;
