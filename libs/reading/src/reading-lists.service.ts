import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { DataSource } from 'typeorm';
import { READING_CATEGORIES } from './reading-categories';
import { insertReadingList } from './reading-list.writer';
import type {
  NewReadingList,
  ReadingItemView,
  ReadingListDetailView,
  ReadingListHeader,
  ReadingListSummaryView,
  ReadingListView,
} from './reading-list.views';
import { listVisibleToUnits } from './reading-sql';

const HEADER_COLUMNS = (rl = 'rl') =>
  `${rl}.id, ${rl}.year, ${rl}.title, ${rl}.unit_id AS "unitId", ${rl}.created_by AS "createdBy", ${rl}.created_at AS "createdAt"`;
const ITEM_COLUMNS = `ri.id, ri.position, ri.title, ri.category, ri.material_url AS "materialUrl", ri.required`;

/**
 * The annual reading lists (年度党风党纪教育清单): creating them (organisers for their units, admins
 * anywhere or organisation-wide) and reading the ones visible to the caller.
 */
@Injectable()
export class ReadingListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
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
      const unit = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1`, [unitId]);
      if (unit.length === 0) throw new BadInputError('unitId must be the id of an existing unit');
      if (!(await this.policy.manages(caller, unitId))) throw new ForbiddenError('you may create reading lists only for your units');
    }
    const list = { ...input, title: input.title.trim(), unitId, items: input.items.map((i) => ({ ...i, title: i.title.trim() })) };
    const id = await this.dataSource.transaction(async (em) => {
      const result = await insertReadingList(em, list, caller.id);
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
    const visible = await this.visibleParam(caller);
    const where = [listVisibleToUnits('$1')];
    const params: unknown[] = [visible];
    if (q.year !== undefined) {
      params.push(q.year);
      where.push(`rl.year = $${params.length}`);
    }
    const filter = where.join(' AND ');
    const rows: (ReadingListSummaryView & { total: string; ic: number; rc: number; fr: number; d: number })[] =
      await this.dataSource.query(
        `WITH page AS (
           SELECT rl.*, count(*) OVER () AS total FROM reading_lists rl WHERE ${filter}
            ORDER BY rl.year DESC, rl.created_at DESC, rl.id LIMIT $${params.length + 2} OFFSET $${params.length + 3}
         )
         SELECT ${HEADER_COLUMNS('p')}, p.total, c.ic, c.rc, c.fr, c.d
           FROM page p
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS ic, count(*) FILTER (WHERE ri.required)::int AS rc,
                   count(*) FILTER (WHERE ri.required AND rp.status = 'finished')::int AS fr,
                   count(rp.discussed_at)::int AS d
              FROM reading_items ri LEFT JOIN reading_progress rp ON rp.item_id = ri.id AND rp.user_id = $${params.length + 1}
             WHERE ri.list_id = p.id
          ) c
          ORDER BY p.year DESC, p."created_at" DESC, p.id`,
        [...params, caller.id, q.limit, q.offset],
      );
    const total = rows.length
      ? Number(rows[0].total)
      : (await this.dataSource.query(`SELECT count(*)::int AS n FROM reading_lists rl WHERE ${filter}`, params))[0].n;
    return {
      items: rows.map((r) => ({
        id: r.id,
        year: r.year,
        title: r.title,
        unitId: r.unitId,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        itemCount: r.ic,
        requiredCount: r.rc,
        own: { finishedRequired: r.fr, required: r.rc, discussed: r.d, completion: ratio(r.fr, r.rc) },
      })),
      total,
    };
  }

  /** One list with its items and the caller's own progress on each; 404 when not visible. */
  async detail(caller: AuthUser, id: string): Promise<ReadingListDetailView> {
    const header = await this.findVisibleHeader(caller, id);
    const rows: (ReadingItemView & { status: string | null; finishedAt: Date | null; discussedAt: Date | null; note: string | null })[] =
      await this.dataSource.query(
        `SELECT ${ITEM_COLUMNS}, rp.status, rp.finished_at AS "finishedAt", rp.discussed_at AS "discussedAt", rp.note
           FROM reading_items ri LEFT JOIN reading_progress rp ON rp.item_id = ri.id AND rp.user_id = $2
          WHERE ri.list_id = $1 ORDER BY ri.position`,
        [id, caller.id],
      );
    return {
      ...header,
      items: rows.map(({ status, finishedAt, discussedAt, note, ...item }) => ({
        ...item,
        progress: status ? { itemId: item.id, status: status as 'reading' | 'finished', finishedAt, discussedAt, note } : null,
      })),
    };
  }

  /** The list's header if the caller can see it, else NotFoundError. */
  async findVisibleHeader(caller: AuthUser, id: string): Promise<ReadingListHeader> {
    const rows: ReadingListHeader[] = await this.dataSource.query(
      `SELECT ${HEADER_COLUMNS()} FROM reading_lists rl WHERE rl.id = $2 AND ${listVisibleToUnits('$1')}`,
      [await this.visibleParam(caller), id],
    );
    if (rows.length === 0) throw new NotFoundError('reading list');
    return rows[0];
  }

  /** The caller's visible unit ids as a bind value: null when they read everything. */
  async visibleParam(caller: AuthUser): Promise<string[] | null> {
    const visible = await this.policy.visibleUnitIds(caller);
    return visible === 'all' ? null : visible;
  }

  private async findById(id: string): Promise<ReadingListView | null> {
    const [header]: ReadingListHeader[] = await this.dataSource.query(`SELECT ${HEADER_COLUMNS()} FROM reading_lists rl WHERE rl.id = $1`, [id]);
    if (!header) return null;
    const items: ReadingItemView[] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS} FROM reading_items ri WHERE ri.list_id = $1 ORDER BY ri.position`,
      [id],
    );
    return { ...header, items };
  }
}

/** a / b with 4 decimals; 0 when b is 0. */
export const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);
