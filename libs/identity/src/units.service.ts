import { Injectable } from '@nestjs/common';
import { BadInputError, ConflictError } from '@qf/common';
import { UnitRepository } from './unit.repository';

export interface UnitView {
  id: string;
  name: string;
  parentId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organisation tree; SQL in UnitRepository. */
@Injectable()
export class UnitsService {
  constructor(private readonly repo: UnitRepository) {}

  async create(input: { name: string; parentId?: string | null }): Promise<UnitView> {
    const name = input.name.trim();
    if (!name) throw new BadInputError('name must not be empty');
    return this.repo.transaction(async (em) => {
      let parentPath = '/';
      if (input.parentId) {
        const path = await this.repo.pathOf(em, input.parentId);
        if (path === undefined) throw new BadInputError('parentId must be the id of an existing unit');
        parentPath = path;
      }
      const unit = await this.repo.insert(em, name, input.parentId ?? null, parentPath);
      if (!unit) throw new ConflictError(`a unit named "${name}" already exists under this parent`);
      return unit;
    });
  }

  async list(): Promise<UnitView[]> {
    return this.repo.listInTreeOrder();
  }

  /** The unit with this id, or the one unit with this exact name; null when none or several. */
  async findByIdOrName(idOrName: string): Promise<UnitView | null> {
    const rows = await this.repo.findByIdOrName(idOrName, UUID.test(idOrName));
    return rows.length === 1 ? rows[0] : null;
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.exists(id);
  }

  /** The ids among `ids` that name no unit (one query). */
  async missingIds(ids: string[]): Promise<string[]> {
    const found = new Set(await this.repo.existingIds(ids));
    return ids.filter((id) => !found.has(id));
  }

  /** 400 unless `id` names an existing unit (`field` names the input, e.g. "unitId"). */
  async assertExists(id: string, field = 'unitId'): Promise<void> {
    if (!(await this.exists(id))) throw new BadInputError(`${field} must be the id of an existing unit`);
  }
}
