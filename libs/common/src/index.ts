export * from './errors';
export * from './pagination';
export * from './auth-user';
export * from './char-count';
export * from './org-time';
export * from './logger';
export * from './csv-cell';
