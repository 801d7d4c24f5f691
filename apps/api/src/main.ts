// First: stops a wrong Node with a message before a native module can crash it.
import '../../../libs/common/src/supported-node';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { AdminBootstrapService } from '@qf/identity';
import { createApiApp } from './app.setup';

async function main(): Promise<void> {
  const app = await createApiApp();
  await app.get(AdminBootstrapService).ensureAdmin();
  const config = app.get(ConfigService<Env, true>);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
}

main().catch((err) => {
  console.error(err?.message ?? err);
  process.exit(1);
});
