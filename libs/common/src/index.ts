export * from './errors';
export * from './pagination';
export * from './auth-user';
export * from './char-count';
export * from './org-time';
export * from './logger';
