import type { EntityManager } from 'typeorm';

/**
 * Demo data that other features contribute (e.g. the annual reading list), loaded in the same
 * transaction as the rest of the demo organisation.
 */
export async function loadOptionalDemoExtras(_em: EntityManager, _ctx: { createdBy: string }): Promise<void> {
  // Wired to feature loaders as they appear.
}
