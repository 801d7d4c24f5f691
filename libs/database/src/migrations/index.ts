import { Foundation1764201600000 } from './1764201600000-Foundation';

/** Every migration in order; feature issues append theirs (named `<timestamp>-<PascalName>.ts`). */
export const MIGRATIONS = [Foundation1764201600000];
