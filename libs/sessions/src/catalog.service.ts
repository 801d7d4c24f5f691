import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, Page } from '@qf/common';
import { DataSource } from 'typeorm';
import { containsPattern } from './like-pattern';
import { CATALOG_KINDS, CatalogKind } from './session-kinds';

export interface CatalogItemView {
  id: string;
  title: string;
  kind: CatalogKind;
  summary: string | null;
  materialUrl: string | null;
  durationMinutes: number | null;
  createdAt: Date;
}

export interface NewCatalogItem {
  title: string;
  kind: CatalogKind;
  summary?: string;
  materialUrl?: string;
  durationMinutes?: number;
}

const COLUMNS = `id, title, kind, summary, material_url AS "materialUrl", duration_minutes AS "durationMinutes", created_at AS "createdAt"`;

/** The study catalog (学习资料库) that menus and sessions draw from. */
@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(caller: AuthUser, input: NewCatalogItem): Promise<CatalogItemView> {
    if (!input.title?.trim()) throw new BadInputError('title must not be empty');
    if (!CATALOG_KINDS.includes(input.kind)) throw new BadInputError(`kind must be one of ${CATALOG_KINDS.join(', ')}`);
    const [row] = await this.dataSource.query(
      `INSERT INTO catalog_items (title, kind, summary, material_url, duration_minutes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [input.title.trim(), input.kind, input.summary ?? null, input.materialUrl ?? null, input.durationMinutes ?? null, caller.id],
    );
    return row;
  }

  async list(q: { kind?: CatalogKind; q?: string; limit: number; offset: number }): Promise<Page<CatalogItemView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.kind) where.push(`kind = $${params.push(q.kind)}`);
    if (q.q?.trim()) {
      const p = `$${params.push(containsPattern(q.q.trim()))}`;
      where.push(`(title ILIKE ${p} OR summary ILIKE ${p})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM catalog_items ${filter} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM catalog_items ${filter}`, params),
    ]);
    return { items, total };
  }

  /** Kind and title of each id; throws a 400 naming the ids that do not exist. */
  async kindsOf(ids: string[]): Promise<Map<string, { kind: CatalogKind; title: string }>> {
    const unique = [...new Set(ids)];
    const rows: { id: string; kind: CatalogKind; title: string }[] = unique.length
      ? await this.dataSource.query(`SELECT id, kind, title FROM catalog_items WHERE id = ANY($1::uuid[])`, [unique])
      : [];
    const found = new Map(rows.map((r) => [r.id, { kind: r.kind, title: r.title }]));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length) throw new BadInputError(`catalogItemId must name an existing catalog item; unknown: ${unknown.join(', ')}`);
    return found;
  }
}
