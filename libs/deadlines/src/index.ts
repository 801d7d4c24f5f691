export * from './warning';
export * from './deadline-sql';
export * from './notify-once';
export * from './weekly-digest';
