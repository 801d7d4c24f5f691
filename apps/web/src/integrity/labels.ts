import type { Schemas } from '../api/client';
import type { Role } from '../identity/roles';

export const TALK_KIND: Record<Schemas['TalkDto']['kind'], string> = {
  leader_staff: '领导干部与下属谈话',
  secretary_member: '书记与党员谈话',
  reminder: '提醒谈话',
  pre_appointment: '任前廉政谈话',
};

export const DECLARATION_KIND: Record<Schemas['DeclarationDto']['kind'], string> = {
  wedding: '婚事',
  funeral: '丧事',
  other: '其他喜庆事宜',
};

export const HOLIDAYS: Schemas['ReminderHolidayDto']['name'][] = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆'];

export const ITEM_STATUS: Record<Schemas['ItemDto']['status'], { label: string; color: string }> = {
  assigned: { label: '待签收', color: 'default' },
  accepted: { label: '办理中', color: 'blue' },
  reported: { label: '已报告', color: 'gold' },
  closed: { label: '已销号', color: 'green' },
};

/** Integrity talks, reminders and declarations are about people: members and organisers. */
export const PEOPLE: readonly Role[] = ['member', 'organiser'];
/** Those who follow their units' integrity work (organisers) or everyone's (auditors, admins). */
export const INTEGRITY_READERS: readonly Role[] = ['organiser', 'auditor', 'admin'];

/** `0.667` → `67%`. */
export const percent = (done: number, of: number) => (of === 0 ? '—' : `${Math.round((done / of) * 100)}%`);
