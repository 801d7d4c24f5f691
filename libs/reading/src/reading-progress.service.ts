import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import type { ReadingStatus } from './reading-categories';
import type { OwnProgressView, ProgressReportView } from './reading-list.views';
import { ReadingListsService } from './reading-lists.service';
import { ReadingRepository } from './reading.repository';

/**
 * Progress on reading items: each person writes only their own (there is no way to write someone
 * else's), and organisers (their units), auditors and admins read a per-member report.
 */
@Injectable()
export class ReadingProgressService {
  constructor(
    private readonly repo: ReadingRepository,
    private readonly policy: AccessPolicy,
    private readonly lists: ReadingListsService,
  ) {}

  /**
   * Sets the caller's own progress on an item of a list they can see (one upsert). `finishedAt` is
   * set when the status first becomes `finished`, kept while it stays so, and cleared when it goes
   * back to `reading`. `note` undefined keeps the stored note; null or blank clears it.
   * An unknown item, an item of another list or a list the caller cannot see: NotFoundError.
   */
  async putOwn(
    caller: AuthUser,
    listId: string,
    itemId: string,
    input: { status: ReadingStatus; note?: string | null },
  ): Promise<OwnProgressView> {
    const progress = await this.repo.upsertOwnProgress({
      userId: caller.id,
      listId,
      itemId,
      visible: await this.lists.visibleParam(caller),
      status: input.status,
      note: input.note?.trim() ? input.note : null,
      replaceNote: input.note !== undefined,
    });
    if (!progress) throw new NotFoundError('reading item');
    return progress;
  }

  /**
   * Per-member totals on a list, in one query. The members are the people (active members and
   * organisers) who can see the list — the people of its unit's subtree, everyone for an
   * organisation-wide list — narrowed to the subtree of `unitId`. Without `unitId`: the list's unit
   * for auditors, admins and organisers who manage it; an organiser's own unit otherwise (an
   * organiser reading an ancestor's or an organisation-wide list sees their own units' people).
   */
  async report(caller: AuthUser, listId: string, unitId?: string): Promise<ProgressReportView> {
    const list = await this.lists.findVisibleHeader(caller, listId);
    const scope = await this.reportScope(caller, list.unitId, unitId);
    const within = [scope, list.unitId].filter((u): u is string => !!u);
    const { members, required } = await this.repo.memberProgress(listId, within);
    return { listId, unitId: scope, required, members };
  }

  private async reportScope(caller: AuthUser, listUnitId: string | null, unitId?: string): Promise<string | null> {
    if (unitId) {
      const overlaps = await this.repo.unitOverlapsList(unitId, listUnitId);
      if (overlaps === undefined) throw new BadInputError('unitId must be the id of an existing unit');
      if (!this.policy.readsEverything(caller) && !(await this.policy.manages(caller, unitId)))
        throw new ForbiddenError('you may report only on your units');
      if (!overlaps) throw new BadInputError("unitId must be within the list's unit or contain it");
      return unitId;
    }
    if (this.policy.readsEverything(caller)) return listUnitId;
    if (listUnitId && (await this.policy.manages(caller, listUnitId))) return listUnitId;
    return caller.unitId;
  }
}
