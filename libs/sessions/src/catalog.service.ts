import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, Page } from '@qf/common';
import { CatalogItemView, CatalogRepository } from './catalog.repository';
import { CATALOG_KINDS, CatalogKind } from './session-kinds';

export interface NewCatalogItem {
  title: string;
  kind: CatalogKind;
  summary?: string;
  materialUrl?: string;
  durationMinutes?: number;
}

/** The study catalog (学习资料库) that menus and sessions draw from. */
@Injectable()
export class CatalogService {
  constructor(private readonly repo: CatalogRepository) {}

  async create(caller: AuthUser, input: NewCatalogItem): Promise<CatalogItemView> {
    if (!input.title?.trim()) throw new BadInputError('title must not be empty');
    if (!CATALOG_KINDS.includes(input.kind)) throw new BadInputError(`kind must be one of ${CATALOG_KINDS.join(', ')}`);
    return this.repo.insertItem({
      title: input.title.trim(),
      kind: input.kind,
      summary: input.summary ?? null,
      materialUrl: input.materialUrl ?? null,
      durationMinutes: input.durationMinutes ?? null,
      createdBy: caller.id,
    });
  }

  list(q: { kind?: CatalogKind; q?: string; limit: number; offset: number }): Promise<Page<CatalogItemView>> {
    return this.repo.itemsPage({ kind: q.kind, text: q.q?.trim() || undefined, limit: q.limit, offset: q.offset });
  }

  /** Kind and title of each id; throws a 400 naming the ids that do not exist. */
  async kindsOf(ids: string[]): Promise<Map<string, { kind: CatalogKind; title: string }>> {
    const unique = [...new Set(ids)];
    const rows = await this.repo.kindsOf(unique);
    const found = new Map(rows.map((r) => [r.id, { kind: r.kind, title: r.title }]));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length) throw new BadInputError(`catalogItemId must name an existing catalog item; unknown: ${unknown.join(', ')}`);
    return found;
  }
}
