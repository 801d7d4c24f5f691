import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, UserRepository } from '@qf/identity';
import { SupervisionService } from '@qf/supervision';
import { TalkKind, TalkView } from './integrity-kinds';
import { TalkFilter, TalkRepository, TalkScope } from './talk.repository';

export interface NewTalk {
  kind: TalkKind;
  talkeeId: string;
  /** Admins may record a talk given by someone else; organisers are always the talker. */
  talkerId?: string;
  at: Date;
  place?: string | null;
  summary: string;
  response?: string | null;
  private?: boolean;
  followUps?: { title: string; detail?: string; timeLimitDays?: number }[];
}

/**
 * Integrity talks (廉政谈话). Recorded by the talker (an organiser of the talkee's units) or an admin;
 * each follow-up becomes a `talk_followup` supervision item owned by the talkee and supervised by the
 * talker, so the deadline engine warns on it and the supervision report counts it (跟踪问效).
 * Visible to the talker, the talkee, organisers of the talkee's units, auditors and admins (else 404);
 * the talkee of a private talk reads it without its summary.
 */
@Injectable()
export class TalksService {
  constructor(
    private readonly talks: TalkRepository,
    private readonly people: UserRepository,
    private readonly supervision: SupervisionService,
    private readonly access: AccessPolicy,
  ) {}

  async record(caller: AuthUser, input: NewTalk): Promise<TalkView> {
    const talkee = await this.people.person(input.talkeeId);
    if (!talkee) throw new BadInputError('talkeeId must be an active member or organiser');
    if (input.talkerId && input.talkerId !== caller.id && caller.role !== 'admin') throw new ForbiddenError('only admins record talks given by someone else');
    const talker = input.talkerId && input.talkerId !== caller.id ? await this.people.person(input.talkerId) : undefined;
    if (input.talkerId && input.talkerId !== caller.id && !talker) throw new BadInputError('talkerId must be an active member or organiser');
    const talkerId = talker?.id ?? caller.id;
    if (talkerId === talkee.id) throw new BadInputError('talkeeId must not be the talker');
    if (!(await this.access.manages(caller, talkee.unitId))) throw new ForbiddenError('talkeeId must be a person of one of your units');
    const summary = input.summary?.trim();
    if (!summary) throw new BadInputError('summary must not be empty');
    if (input.at.getTime() > Date.now() + 5 * 60_000) throw new BadInputError('at must not be in the future: record a talk once it took place');
    const id = await this.talks.transaction(async (em) => {
      const talkId = await this.talks.insert(em, {
        kind: input.kind,
        talkerId,
        talkeeId: talkee.id,
        at: input.at,
        place: input.place?.trim() || null,
        summary,
        response: input.response?.trim() || null,
        private: input.private ?? false,
        createdBy: caller.id,
      });
      const followUps = input.followUps ?? [];
      if (followUps.length) {
        const itemIds = await this.supervision.createItems(
          em,
          talkerId,
          'talk_followup',
          followUps.map((f) => ({ title: f.title, detail: f.detail ?? '', source: '廉政谈话跟踪问效', timeLimitDays: f.timeLimitDays, owner: talkee })),
        );
        await this.talks.linkFollowUps(em, talkId, itemIds);
      }
      return talkId;
    });
    return (await this.talks.findVisible(id, { viewerId: caller.id, all: true }))!;
  }

  async get(caller: AuthUser, id: string): Promise<TalkView> {
    const talk = await this.talks.findVisible(id, await this.scopeOf(caller));
    if (!talk) throw new NotFoundError('talk');
    return talk;
  }

  async list(caller: AuthUser, filter: TalkFilter): Promise<Page<TalkView>> {
    if (filter.from && filter.to && filter.to < filter.from) throw new BadInputError('to must not be before from');
    return this.talks.page(await this.scopeOf(caller), filter);
  }

  private async scopeOf(caller: AuthUser): Promise<TalkScope> {
    const managed = await this.access.managedUnitIds(caller);
    if (this.access.readsEverything(caller) || managed === 'all') return { viewerId: caller.id, all: true };
    return { viewerId: caller.id, all: false, unitIds: managed };
  }
}
