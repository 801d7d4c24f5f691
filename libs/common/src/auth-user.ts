import type { Role } from '@qf/database';

/** The authenticated caller, as the api's auth guard puts it on the request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  /** An admin reset the password: every call but GET /me and POST /me/password answers 403 until it is changed. */
  mustChangePassword?: boolean;
}
