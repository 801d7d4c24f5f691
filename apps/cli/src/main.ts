// First: stops a wrong Node with a message before a native module can crash it.
import '../../../libs/common/src/supported-node';
import 'reflect-metadata';
import { Command } from 'commander';
import { createAdminCommand } from './commands/create-admin.command';
import { demoDataCommand } from './commands/demo-data.command';
import { importUsersCommand } from './commands/import-users.command';
import { migrateCommand } from './commands/migrate.command';
import { devCommand } from './dev/dev.command';

const program = new Command()
  .name('npm run cli --')
  .description('Qingfeng operator commands. They use DATABASE_URL, else the database of a running `npm start`.');

program.command('migrate').description('apply pending database migrations').action(migrateCommand);

program
  .command('create-admin')
  .description('create an admin user in the root unit')
  .requiredOption('--username <name>', 'login name (letters, digits, _ . @ -)')
  .requiredOption('--password <password>', 'at least 10 characters')
  .option('--display-name <name>', 'display name', '系统管理员')
  .action(createAdminCommand);

program
  .command('import-users')
  .description('import users from CSV (header username,displayName,role,unit,password)')
  .argument('<file>', 'CSV file')
  .action(importUsersCommand);

program.command('demo-data').description('load the demo organisation (once; later runs do nothing)').action(demoDataCommand);

program.command('dev').description('development launcher: embedded servers, migrations, demo data, api and worker').action(devCommand);

program.parseAsync(process.argv).catch((err) => {
  console.error(`error: ${err?.message ?? err}`);
  process.exit(1);
});
