import type { Role } from '@qf/database';

/** The authenticated caller, as the api's auth guard puts it on the request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
}
