/** Study catalog item kinds (理论经典, 党史故事, 红色歌曲, 廉政文化, 警示教育片, 以案说纪, 党纪法规, 其他). */
export const CATALOG_KINDS = ['theory', 'history', 'song', 'integrity', 'warning_film', 'case_study', 'regulation', 'other'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** The "must-order main courses" of a menu unless it says otherwise. */
export const DEFAULT_REQUIRED_KINDS: CatalogKind[] = ['theory', 'history', 'song'];

export const COURSES = ['main', 'side'] as const;
export type Course = (typeof COURSES)[number];

export const SESSION_KINDS = ['friday_study', 'branch_meeting', 'group_study', 'theme_day', 'warning_education'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['draft', 'published', 'completed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Menus are limited so that one request stays small. */
export const MAX_MENU_ITEMS = 50;
/** A series request creates at most this many sessions. */
export const MAX_SERIES_SESSIONS = 60;
