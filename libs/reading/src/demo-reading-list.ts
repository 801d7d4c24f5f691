import type { EntityManager } from 'typeorm';
import type { NewReadingList } from './reading-list.views';
import { ReadingRepository } from './reading.repository';

/**
 * The demo's 2026 organisation-wide list: the 三条例两准则一法一规定 of everyday discipline
 * education (纪律处分条例, 党内监督条例, 问责条例; 廉洁自律准则, 党内政治生活若干准则; 监察法; 中央八项规定),
 * the 政务处分法, confession records of disciplined officials and a 以案释法 handbook.
 */
export const DEMO_READING_LIST: NewReadingList = {
  year: 2026,
  title: '2026年度党风党纪教育清单',
  unitId: null,
  items: [
    { title: '《中国共产党纪律处分条例》', category: 'regulation' },
    { title: '《中国共产党廉洁自律准则》', category: 'regulation' },
    { title: '《关于新形势下党内政治生活的若干准则》', category: 'regulation' },
    { title: '《中国共产党党内监督条例》', category: 'regulation' },
    { title: '《中国共产党问责条例》', category: 'regulation' },
    { title: '《中华人民共和国监察法》', category: 'regulation' },
    { title: '《中华人民共和国公职人员政务处分法》', category: 'regulation' },
    { title: '中央八项规定及其实施细则精神', category: 'regulation' },
    { title: '《违纪违法干部忏悔录选编》', category: 'confession' },
    { title: '《以案释法手册》', category: 'case_handbook' },
    { title: '《习近平关于党风廉政建设和反腐败斗争论述摘编》', category: 'theory' },
    { title: '本单位近年违纪违法典型案例通报汇编', category: 'case_handbook', required: false },
    { title: '廉政文化读本（家风家教篇）', category: 'other', required: false },
  ],
};

/**
 * Inserts the demo list once (idempotent: a second call finds the existing list and changes
 * nothing). Returns the list's id and whether this call created it.
 */
export async function loadDemoReadingList(
  em: EntityManager,
  opts: { createdBy: string | null },
): Promise<{ id: string; created: boolean }> {
  return new ReadingRepository(em.connection).insertList(em, DEMO_READING_LIST, opts.createdBy);
}
