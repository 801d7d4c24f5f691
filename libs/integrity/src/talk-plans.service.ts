import { Injectable } from '@nestjs/common';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser, BadInputError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, UnitsService } from '@qf/identity';
import { DateTime } from 'luxon';
import { CoverageView, TalkKind } from './integrity-kinds';
import { PlanRow, TalkPlanRepository } from './talk-plan.repository';

export interface NewPlan {
  title: string;
  kind: TalkKind;
  unitId: string;
  from: string;
  to: string;
}

const BATCH = 1_000;

/**
 * Talk plans (谈话全覆盖): every person of a unit must have a talk of a kind within a period. Coverage
 * is one statement (TalkPlanRepository.coverage). The worker reminds the plan's creator — the
 * organiser responsible for it — once, when 30 % of the period is left and people are still missing.
 */
@Injectable()
export class TalkPlansService {
  constructor(
    private readonly plans: TalkPlanRepository,
    private readonly access: AccessPolicy,
    private readonly calendar: WorkingDayCalendar,
    private readonly units: UnitsService,
  ) {}

  async create(caller: AuthUser, input: NewPlan): Promise<PlanRow & { coverage: CoverageView }> {
    const title = input.title?.trim();
    if (!title) throw new BadInputError('title must not be empty');
    const from = this.calendar.parseDate(input.from, 'from');
    const to = this.calendar.parseDate(input.to, 'to');
    if (to < from) throw new BadInputError('to must not be before from');
    if (to.diff(from, 'days').days > 366) throw new BadInputError('a plan may span at most a year');
    if (!(await this.units.exists(input.unitId))) throw new BadInputError('unitId names no unit');
    await this.access.assertManages(caller, input.unitId);
    const zone = this.calendar.zone;
    const startsAt = DateTime.fromISO(input.from, { zone }).startOf('day').toJSDate();
    const endsAt = DateTime.fromISO(input.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
    const id = await this.plans.insert({ title, kind: input.kind, unitId: input.unitId, from: input.from, to: input.to, startsAt, endsAt, createdBy: caller.id });
    const plan = (await this.plans.find(id))!;
    return { ...plan, coverage: await this.coverageOf(plan) };
  }

  async coverage(caller: AuthUser, id: string): Promise<CoverageView> {
    const plan = await this.plans.find(id);
    if (!plan) throw new NotFoundError('talk plan');
    if (!this.access.readsEverything(caller)) await this.access.assertManages(caller, plan.unitId, 'talk plan');
    return this.coverageOf(plan);
  }

  /** Plans of the caller's units (organisers), every plan (auditors, admins). */
  async list(caller: AuthUser, limit: number, offset: number): Promise<Page<PlanRow>> {
    const units = this.access.readsEverything(caller) ? 'all' : await this.access.managedUnitIds(caller);
    return this.plans.page(units, limit, offset);
  }

  /** The worker's sweep: reminds the creators of plans behind at 30 % left, once each. */
  async remindBehind(): Promise<number> {
    let total = 0;
    for (;;) {
      const { flagged, reminded } = await this.plans.remindBehind(BATCH);
      total += reminded;
      if (flagged < BATCH) return total;
    }
  }

  private async coverageOf(plan: PlanRow): Promise<CoverageView> {
    const c = await this.plans.coverage(plan.id);
    return {
      planId: plan.id,
      title: plan.title,
      kind: plan.kind,
      unitId: plan.unitId,
      from: plan.from,
      to: plan.to,
      required: c.required,
      done: c.done,
      coverage: c.required === 0 ? 1 : Math.round((c.done / c.required) * 10_000) / 10_000,
      missing: c.missing,
      followUps: { open: c.open, closed: c.closed, overdue: c.overdue },
    };
  }
}
