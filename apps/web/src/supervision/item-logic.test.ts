import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { nthWorkingDay } from './due-date';
import { itemOf } from '../test/supervision-fixture';
import { actionsFor, timelineOf } from './item-logic';

const OWNER = 'owner-1';
const SUPERVISOR = 'org-1';

const pending: Schemas['ExtensionDto'] = {
  n: 1,
  from: '2026-12-10T10:00:00.000Z',
  to: '2026-12-17T10:00:00.000Z',
  reason: '需等待上级批复',
  status: 'pending',
  requestedAt: '2026-12-03T01:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
};

describe('actionsFor: what the page offers, as the api allows it', () => {
  it('lets the owner accept an assigned item, and nothing else but asking for time', () => {
    const a = actionsFor(itemOf(), { id: OWNER, role: 'member' });
    expect(a).toMatchObject({ accept: true, progress: false, report: false, requestExtension: true, closeOrReturn: false, decide: undefined });
  });

  it('lets the owner note progress and report an accepted item; a pending request stops another', () => {
    expect(actionsFor(itemOf({ status: 'accepted' }), { id: OWNER, role: 'member' })).toMatchObject({ accept: false, progress: true, report: true, requestExtension: true });
    expect(actionsFor(itemOf({ status: 'accepted', extensions: [pending] }), { id: OWNER, role: 'member' }).requestExtension).toBe(false);
    expect(actionsFor(itemOf({ status: 'reported' }), { id: OWNER, role: 'member' })).toMatchObject({ progress: true, report: false });
  });

  it('never offers an owner — an organiser owner included — to close, return or decide their own item', () => {
    const own = itemOf({ status: 'reported', extensions: [pending] });
    expect(actionsFor(own, { id: OWNER, role: 'organiser' })).toMatchObject({ closeOrReturn: false, decide: undefined, progress: true });
  });

  it('offers an organiser or admin who is not the owner close / return on a report, and the pending extension', () => {
    for (const role of ['organiser', 'admin'] as const) {
      const a = actionsFor(itemOf({ status: 'reported', extensions: [pending] }), { id: SUPERVISOR, role });
      expect(a).toMatchObject({ closeOrReturn: true, accept: false, progress: false, requestExtension: false });
      expect(a.decide?.n).toBe(1);
    }
    expect(actionsFor(itemOf({ status: 'accepted' }), { id: SUPERVISOR, role: 'organiser' }).closeOrReturn).toBe(false);
  });

  it('offers nothing to auditors, nor anything on a closed item', () => {
    expect(Object.values(actionsFor(itemOf({ status: 'reported', extensions: [pending] }), { id: 'a', role: 'auditor' })).some(Boolean)).toBe(false);
    expect(Object.values(actionsFor(itemOf({ status: 'closed', extensions: [pending] }), { id: SUPERVISOR, role: 'admin' })).some(Boolean)).toBe(false);
    expect(Object.values(actionsFor(itemOf({ status: 'closed' }), { id: OWNER, role: 'member' })).some(Boolean)).toBe(false);
  });
});

describe('timelineOf', () => {
  it('puts assignment, acceptance, notes, extension requests and decisions in time order', () => {
    const item = itemOf({
      status: 'closed',
      acceptedAt: '2026-12-01T03:00:00.000Z',
      progress: [
        { at: '2026-12-05T02:00:00.000Z', byId: OWNER, kind: 'report', note: '已办结' },
        { at: '2026-12-02T02:00:00.000Z', byId: OWNER, kind: 'progress', note: '正在整改' },
        { at: '2026-12-06T02:00:00.000Z', byId: SUPERVISOR, kind: 'close', note: '' },
      ],
      extensions: [{ ...pending, status: 'approved', decidedBy: SUPERVISOR, decidedAt: '2026-12-04T01:00:00.000Z' }],
    });
    const entries = timelineOf(item, (d) => d.slice(0, 10));
    expect(entries.map((e) => e.label)).toEqual(['交办', '签收', '进展', '申请延期', '延期已同意', '办结报告', '销号']);
    expect(entries[0].text).toBe('支部书记甲 交办给 党员甲');
    expect(entries[3].text).toBe('申请延至 2026-12-17：需等待上级批复');
    expect(entries[6].text).toBeUndefined(); // closed without a comment
  });
});

describe('nthWorkingDay (the 13710 due date shown before creating)', () => {
  // 2026-09-30 is a Wednesday; 国庆 1–8 October are off, Saturday 10 October is a make-up working day.
  const days = [
    { date: '2026-09-30', workday: true },
    ...Array.from({ length: 8 }, (_, i) => ({ date: `2026-10-0${i + 1}`, workday: false })),
    { date: '2026-10-09', workday: true },
    { date: '2026-10-10', workday: true },
    { date: '2026-10-11', workday: false },
    { date: '2026-10-12', workday: true },
  ];
  it.each([
    [1, '2026-09-30'],
    [2, '2026-10-09'],
    [3, '2026-10-10'],
    [4, '2026-10-12'],
  ])('%i working day(s) → %s, holidays skipped', (n, date) => expect(nthWorkingDay(days, n)).toBe(date));
  it('is undefined when the calendar runs out', () => expect(nthWorkingDay(days, 5)).toBeUndefined());
});
