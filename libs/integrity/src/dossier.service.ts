import { Injectable } from '@nestjs/common';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser, BadInputError, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { AccessLogRow, DossierPerson, DossierRepository, DossierSections } from './dossier.repository';

export type Dossier = { person: DossierPerson; year: number } & DossierSections;

const ACCESS_LOG_LIMIT = 1_000;

/**
 * The integrity dossier (廉政档案): one person's year across every feature. Seen by the person,
 * organisers of their units, auditors and admins (else 404); every read by someone else is logged
 * (append-only), and the person, auditors and admins see who looked.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: AccessPolicy,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async read(caller: AuthUser, personId: string, year: number | undefined, format: 'json' | 'xlsx'): Promise<Dossier> {
    const person = await this.visiblePerson(caller, personId);
    const zone = this.calendar.zone;
    const y = year ?? DateTime.now().setZone(zone).year;
    if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new BadInputError('year must be between 2000 and 2100');
    const start = DateTime.fromObject({ year: y, month: 1, day: 1 }, { zone });
    const sections = await this.dossiers.sections(person.id, start.toJSDate(), start.plus({ years: 1 }).toJSDate(), y, caller.id === person.id);
    if (caller.id !== person.id) await this.dossiers.logAccess(person.id, caller.id, y, format);
    return { person, year: y, ...sections };
  }

  async accessLog(caller: AuthUser, personId: string): Promise<AccessLogRow[]> {
    const person = await this.visiblePerson(caller, personId);
    if (caller.id !== person.id && !this.access.readsEverything(caller)) throw new ForbiddenError('only the person, auditors and admins see who read a dossier');
    return this.dossiers.accessLog(person.id, ACCESS_LOG_LIMIT);
  }

  private async visiblePerson(caller: AuthUser, personId: string): Promise<DossierPerson> {
    const person = await this.dossiers.person(personId);
    if (!person) throw new NotFoundError('person');
    if (caller.id === person.id || this.access.readsEverything(caller) || (await this.access.manages(caller, person.unitId))) return person;
    throw new NotFoundError('person');
  }

  /** One sheet per section. */
  async xlsx(d: Dossier): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = (name: string, headers: string[], rows: unknown[][]) => {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = headers.map((header, i) => ({ header, key: String(i), width: i === 0 ? 24 : 16 }));
      ws.getRow(1).font = { bold: true };
      for (const r of rows) ws.addRow(r.map(safeCell));
    };
    const a = d.attendance;
    sheet('概况', ['项目', '内容'], [
      ['姓名', d.person.displayName],
      ['单位', d.person.unitName],
      ['年度', d.year],
      ['应参加学习', a.sessions],
      ['出席', a.present],
      ['迟到', a.late],
      ['请假', a.excused],
      ['缺席', a.absent],
      ['补学', a.madeUp],
      ['收到节日提醒', d.reminders.received],
      ['已阅知晓', d.reminders.acknowledged],
    ]);
    sheet('考勤', ['学习', '时间', '状态', '补学时间'], a.records.map((r) => [r.title, this.time(r.startsAt), r.status, this.time(r.madeUpAt)]));
    sheet('学习清单', ['清单', '篇目', '状态', '读完时间', '交流时间'], d.reading.map((r) => [r.listTitle, r.itemTitle, r.status, this.time(r.finishedAt), this.time(r.discussedAt)]));
    sheet('心得体会', ['任务', '状态', '截止', '提交', '字数', '逾期'], d.reflections.map((r) => [r.title, r.status, this.time(r.dueAt), this.time(r.submittedAt), r.charCount, r.late ? '是' : '否']));
    sheet('廉政谈话', ['类型', '谈话人', '时间', '地点', '内容', '表态'], d.talks.map((t) => [t.kind, t.talkerName, this.time(t.at), t.place, t.summary ?? '（保密）', t.response]));
    sheet('督办整改', ['类型', '事项', '状态', '交办', '期限', '销号', '逾期'], d.items.map((i) => [i.kind, i.title, i.status, this.time(i.assignedAt), this.time(i.dueAt), this.time(i.closedAt), i.late ? '是' : '否']));
    sheet('节日提醒', ['提醒', '发送', '已阅知晓'], d.reminders.list.map((r) => [r.title, this.time(r.sentAt), this.time(r.acknowledgedAt)]));
    sheet('报备', ['类型', '日期', '地点', '人数', '桌数', '确认'], d.declarations.map((x) => [x.kind, x.eventDate, x.place, x.guests, x.tables, this.time(x.acknowledgedAt)]));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Times shown to people: ORG_TIMEZONE, YYYY-MM-DD HH:mm. */
  private time(v: string | Date | null): string {
    if (!v) return '';
    return DateTime.fromJSDate(new Date(v), { zone: this.calendar.zone }).toFormat('yyyy-MM-dd HH:mm');
  }
}

/** A text cell that would start a formula gets a leading ' (as the exports do). */
function safeCell(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? '');
}
