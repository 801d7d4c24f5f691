import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationDatabaseUrl } from '@qf/database';
import { CliModule } from './cli.module';
import { projectDir } from './project-dir';

/** Written by `dev` while it runs, so that other commands can reach its embedded servers. */
export const devEnvFile = () => join(projectDir(), '.data', 'dev-env.json');

/**
 * DATABASE_URL for a command: the environment's, else that of a running `npm start`. The commands
 * that boot Nest need REDIS_URL to pass validation; they never connect to it.
 */
export function resolveDatabaseUrl(): string {
  if (!process.env.DATABASE_URL && existsSync(devEnvFile())) {
    const dev = JSON.parse(readFileSync(devEnvFile(), 'utf8')) as { DATABASE_URL?: string; MIGRATION_DATABASE_URL?: string; REDIS_URL?: string };
    process.env.DATABASE_URL = dev.DATABASE_URL;
    if (dev.MIGRATION_DATABASE_URL) process.env.MIGRATION_DATABASE_URL ??= dev.MIGRATION_DATABASE_URL;
    process.env.REDIS_URL ??= dev.REDIS_URL;
  }
  if (!process.env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set (set it, or run `npm start` in another terminal so the CLI can use its database)');
  }
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  return process.env.DATABASE_URL;
}

/** The owner's URL for migrations: MIGRATION_DATABASE_URL, else DATABASE_URL with a warning (see migrationDatabaseUrl). */
export function resolveMigrationDatabaseUrl(): string {
  if (!process.env.MIGRATION_DATABASE_URL) resolveDatabaseUrl();
  return migrationDatabaseUrl(process.env);
}

/** Runs `fn` inside a Nest application context of the library modules, and closes it. */
export async function withContext<T>(fn: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  resolveDatabaseUrl();
  const ctx = await NestFactory.createApplicationContext(CliModule.create(), { logger: ['error', 'warn'], abortOnError: false });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
