import { loadDemoReadingList } from '@qf/reading';
import type { EntityManager } from 'typeorm';
import type { DemoExtrasRepository } from './demo-extras.repository';

/**
 * Demo data of the other features, loaded in the same transaction as the rest of the demo
 * organisation: the annual reading list (年度党风党纪教育清单, through ReadingRepository), supervision
 * items and a rectification campaign, talks, a talk plan at partial coverage, a holiday reminder and a
 * declaration (through DemoExtrasRepository).
 */
export async function loadOptionalDemoExtras(em: EntityManager, extras: DemoExtrasRepository, ctx: { createdBy: string }): Promise<void> {
  await loadDemoReadingList(em, { createdBy: ctx.createdBy });
  await extras.insertSupervision(em);
  await extras.insertIntegrity(em);
}
