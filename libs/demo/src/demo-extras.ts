import { loadDemoReadingList } from '@qf/reading';
import { loadDemoIntegrity } from '@qf/integrity';
import { loadDemoSupervision } from '@qf/supervision';
import type { EntityManager } from 'typeorm';

/**
 * Demo data that other features contribute, loaded in the same transaction as the rest of the demo
 * organisation: the annual reading list (年度党风党纪教育清单), supervision items and a rectification campaign,
 * talks, a talk plan at partial coverage, a holiday reminder and a declaration.
 */
export async function loadOptionalDemoExtras(em: EntityManager, ctx: { createdBy: string }): Promise<void> {
  await loadDemoReadingList(em, { createdBy: ctx.createdBy });
  await loadDemoSupervision(em);
  await loadDemoIntegrity(em);
}
