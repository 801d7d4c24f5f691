import type { Schemas } from '../api/client';
import { hasRole, ROLES, type Role } from '../identity/roles';
import { EXTENSION_STATUS, PROGRESS_KIND } from './labels';

type Item = Schemas['ItemDto'];

export interface TimelineEntry {
  at: string;
  label: string;
  color: string;
  text?: string;
}

/** What happened to an item, oldest first: assignment, acceptance, notes, reports, returns, extension requests and decisions, closing. */
export function timelineOf(item: Item, format: (instant: string) => string): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ at: item.assignedAt, label: '交办', color: 'gray', text: `${item.supervisorName} 交办给 ${item.ownerName}` }];
  if (item.acceptedAt) entries.push({ at: item.acceptedAt, label: '签收', color: 'blue' });
  for (const p of item.progress) entries.push({ at: p.at, label: PROGRESS_KIND[p.kind].label, color: PROGRESS_KIND[p.kind].color, text: p.note || undefined });
  for (const e of item.extensions) {
    entries.push({ at: e.requestedAt, label: '申请延期', color: 'gold', text: `申请延至 ${format(e.to)}：${e.reason}` });
    if (e.decidedAt) entries.push({ at: e.decidedAt, label: `延期${EXTENSION_STATUS[e.status].label}`, color: EXTENSION_STATUS[e.status].color });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

export interface ItemActions {
  accept: boolean;
  progress: boolean;
  report: boolean;
  requestExtension: boolean;
  closeOrReturn: boolean;
  /** The pending extension request the caller may decide. */
  decide: Schemas['ExtensionDto'] | undefined;
}

/**
 * What the caller may do with an item, as the api allows it: the owner accepts, notes progress,
 * reports and asks for more time; an organiser or admin who is not the owner closes, returns and
 * decides extensions (the api checks the unit too, and says so when it refuses).
 */
export function actionsFor(item: Item, me: { id: string; role: Role }): ItemActions {
  const owner = item.ownerId === me.id && (me.role === 'member' || me.role === 'organiser');
  const open = item.status !== 'closed';
  const pending = item.extensions.find((e) => e.status === 'pending');
  const decider = item.ownerId !== me.id && hasRole(me.role, ROLES.organisers);
  return {
    accept: owner && item.status === 'assigned',
    progress: owner && (item.status === 'accepted' || item.status === 'reported'),
    report: owner && item.status === 'accepted',
    requestExtension: owner && open && !pending,
    closeOrReturn: decider && item.status === 'reported',
    decide: decider && open ? pending : undefined,
  };
}
