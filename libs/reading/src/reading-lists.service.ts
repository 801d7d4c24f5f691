import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, UnitsService } from '@qf/identity';
import { READING_CATEGORIES } from './reading-categories';
import type { NewReadingList, ReadingListDetailView, ReadingListHeader, ReadingListSummaryView, ReadingListView } from './reading-list.views';
import { ReadingRepository } from './reading.repository';

/**
 * The annual reading lists (年度党风党纪教育清单): creating them (organisers for their units, admins
 * anywhere or organisation-wide) and reading the ones visible to the caller.
 */
@Injectable()
export class ReadingListsService {
  constructor(
    private readonly repo: ReadingRepository,
    private readonly policy: AccessPolicy,
    private readonly units: UnitsService,
  ) {}

  /**
   * Creates a list. An organiser's list is scoped to one of their units (their own unit when
   * `unitId` is omitted); only an admin may create an organisation-wide list (no `unitId`).
   * The same title for the same year and scope is a ConflictError, so a repeated POST never
   * duplicates a list.
   */
  async create(caller: AuthUser, input: NewReadingList): Promise<ReadingListView> {
    this.checkNewList(input);
    const unitId = input.unitId ?? (caller.role === 'admin' ? null : caller.unitId);
    if (unitId) {
      await this.units.assertExists(unitId);
      if (!(await this.policy.manages(caller, unitId))) throw new ForbiddenError('you may create reading lists only for your units');
    }
    const list = { ...input, title: input.title.trim(), unitId, items: input.items.map((i) => ({ ...i, title: i.title.trim() })) };
    const id = await this.repo.transaction(async (em) => {
      const result = await this.repo.insertList(em, list, caller.id);
      if (!result.created)
        throw new ConflictError(`a reading list titled "${list.title}" for ${list.year} already exists in this scope`);
      return result.id;
    });
    return (await this.findById(id))!;
  }

  private checkNewList(input: NewReadingList): void {
    if (!input.title?.trim()) throw new BadInputError('title must not be empty');
    if (!input.items?.length) throw new BadInputError('items must contain at least one item');
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      const title = item.title?.trim();
      if (!title) throw new BadInputError(`items.${i}.title must not be empty`);
      if (!READING_CATEGORIES.includes(item.category))
        throw new BadInputError(`items.${i}.category must be one of ${READING_CATEGORIES.join(', ')}`);
      if (seen.has(title)) throw new BadInputError(`items.${i}.title repeats an earlier item ("${title}")`);
      seen.add(title);
    });
  }

  /** Lists visible to the caller, newest year first, with the caller's own totals on each. */
  async list(caller: AuthUser, q: { year?: number; limit: number; offset: number }): Promise<Page<ReadingListSummaryView>> {
    const { items, total } = await this.repo.summaryPage(caller.id, await this.visibleParam(caller), q);
    return {
      items: items.map(({ finishedRequired, discussed, ...list }) => ({
        ...list,
        own: { finishedRequired, required: list.requiredCount, discussed, completion: ratio(finishedRequired, list.requiredCount) },
      })),
      total,
    };
  }

  /** One list with its items and the caller's own progress on each; 404 when not visible. */
  async detail(caller: AuthUser, id: string): Promise<ReadingListDetailView> {
    const header = await this.findVisibleHeader(caller, id);
    const rows = await this.repo.itemsWithProgress(id, caller.id);
    return {
      ...header,
      items: rows.map(({ status, finishedAt, discussedAt, note, ...item }) => ({
        ...item,
        progress: status ? { itemId: item.id, status, finishedAt, discussedAt, note } : null,
      })),
    };
  }

  /** The list's header if the caller can see it, else NotFoundError. */
  async findVisibleHeader(caller: AuthUser, id: string): Promise<ReadingListHeader> {
    const header = await this.repo.findVisibleHeader(id, await this.visibleParam(caller));
    if (!header) throw new NotFoundError('reading list');
    return header;
  }

  /** The caller's visible unit ids as a bind value: null when they read everything. */
  async visibleParam(caller: AuthUser): Promise<string[] | null> {
    const visible = await this.policy.visibleUnitIds(caller);
    return visible === 'all' ? null : visible;
  }

  private async findById(id: string): Promise<ReadingListView | null> {
    const header = await this.repo.findHeader(id);
    if (!header) return null;
    const items = await this.repo.items(id);
    return { ...header, items };
  }
}

/** a / b with 4 decimals; 0 when b is 0. */
export const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);
