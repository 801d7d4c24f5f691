import { ConflictError } from '@qf/common';
import { UnitRepository, UnitsService, UsersService } from '@qf/identity';
import { DataSource } from 'typeorm';
import { withContext } from '../cli-context';

export interface CreateAdminOptions {
  username: string;
  password: string;
  displayName?: string;
}

/** Creates an admin in the root unit (creating 机关党委 when there is no unit yet). A taken username fails. */
export async function createAdminCommand(opts: CreateAdminOptions): Promise<void> {
  await withContext(async (ctx) => {
    const rootId = await ctx.get(UnitRepository).firstRootId(ctx.get(DataSource).manager);
    const unitId = rootId ?? (await ctx.get(UnitsService).create({ name: '机关党委' })).id;
    try {
      const user = await ctx.get(UsersService).create({
        username: opts.username,
        displayName: opts.displayName ?? '系统管理员',
        password: opts.password,
        role: 'admin',
        unitId,
      });
      console.log(`created admin "${user.username}" (${user.id})`);
    } catch (err) {
      if (err instanceof ConflictError) throw new Error(`409 Conflict: ${err.message}; choose another username`, { cause: err });
      throw err;
    }
  });
}
