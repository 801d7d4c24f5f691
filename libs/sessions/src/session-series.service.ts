import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser, BadInputError, localDateOf } from '@qf/common';
import { Env } from '@qf/config';
import { MenusService } from './menus.service';
import { SessionMenuService } from './session-menu.service';
import { SessionView, SessionRepository } from './session.repository';
import { weeklyStarts } from './series-dates';
import { SessionsService } from './sessions.service';

export interface NewSeries {
  unitId: string;
  title: string;
  menuId: string;
  /** Local dates (org time zone), inclusive. */
  from: string;
  until: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday; default 5 (Friday). */
  weekday?: number;
  /** Local clock time HH:mm. */
  startTime: string;
  durationMinutes: number;
  location?: string | null;
  skipDates?: string[];
  /** Keep dates that are not working days (holidays, weekends); default false: they are skipped. */
  includeHolidays?: boolean;
}

/** A series date left out because it is not a working day. */
export interface HolidaySkip {
  reason: 'holiday';
  /** Local date. */
  date: string;
  startsAt: Date;
  /** The holiday's name, when the calendar has one. */
  name?: string;
}

/** A session that already existed for the unit at that start. */
export type ExistingSkip = SessionView & { reason: 'exists' };

export interface SeriesResult {
  created: SessionView[];
  skipped: (ExistingSkip | HolidaySkip)[];
}

/**
 * Weekly friday_study drafts (每周五集中学习). Dates are computed in ORG_TIMEZONE with luxon; creation is
 * idempotent on (unit, start) through the unique index sessions_unit_start_idx (INSERT … ON CONFLICT
 * DO NOTHING), so a re-run or two identical requests at once never duplicate a session.
 */
@Injectable()
export class SessionSeriesService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly menus: MenusService,
    private readonly sessionMenus: SessionMenuService,
    private readonly repo: SessionRepository,
    private readonly config: ConfigService<Env, true>,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async create(caller: AuthUser, input: NewSeries): Promise<SeriesResult> {
    if (!input.title?.trim()) throw new BadInputError('title must not be empty');
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > 1440)
      throw new BadInputError('durationMinutes must be an integer from 1 to 1440');
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    const allStarts = weeklyStarts(input, zone);
    await this.sessions.assertManagesUnitRef(caller, input.unitId);
    const menu = await this.menus.forCopy(input.menuId);
    await this.sessionMenus.check(input.unitId, 'friday_study', menu.items, menu.requiredKinds);
    const { starts, holidays } = await this.workingDayStarts(allStarts, zone, input.includeHolidays === true);
    if (starts.length === 0) return { created: [], skipped: holidays };

    const ends = starts.map((s) => new Date(s.getTime() + input.durationMinutes * 60_000));
    const createdIds = await this.repo.transaction(async (em) => {
      const ids = await this.repo.insertSeries(em, {
        unitId: input.unitId,
        title: input.title.trim(),
        location: input.location ?? null,
        seriesId: randomUUID(),
        menuId: input.menuId,
        createdBy: caller.id,
        starts,
        ends,
      });
      await this.repo.copyMenuItems(em, ids, input.menuId);
      return ids;
    });
    // A new statement after the commit: sees sessions a concurrent identical request committed first.
    const existing = await this.repo.idsAtStarts(input.unitId, starts, createdIds);
    const byStart = (a: SessionView, b: SessionView) => a.startsAt.getTime() - b.startsAt.getTime();
    const existingSkips: ExistingSkip[] = (await this.repo.views(existing)).map((v) => ({ ...v, reason: 'exists' }));
    return {
      created: (await this.repo.views(createdIds)).sort(byStart),
      skipped: [...existingSkips, ...holidays].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
    };
  }

  /** Splits the starts into those on working days and those skipped as holidays (unless kept). */
  private async workingDayStarts(all: Date[], zone: string, includeHolidays: boolean): Promise<{ starts: Date[]; holidays: HolidaySkip[] }> {
    if (includeHolidays || all.length === 0) return { starts: all, holidays: [] };
    const days = await this.calendar.workdaySet(all.map((s) => localDateOf(s, zone)));
    const starts: Date[] = [];
    const holidays: HolidaySkip[] = [];
    for (const start of all) {
      const date = localDateOf(start, zone);
      const day = days.get(date);
      if (!day || day.workday) starts.push(start);
      else holidays.push({ reason: 'holiday', date, startsAt: start, ...(day.name ? { name: day.name } : {}) });
    }
    return { starts, holidays };
  }
}
