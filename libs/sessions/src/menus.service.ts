import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, NotFoundError, Page } from '@qf/common';
import { CatalogRepository, MenuView } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { assertMainCourses } from './menu-rules';
import { CATALOG_KINDS, CatalogKind, Course, DEFAULT_REQUIRED_KINDS, MAX_MENU_ITEMS } from './session-kinds';

export interface NewMenu {
  name: string;
  requiredKinds?: CatalogKind[];
  items: { catalogItemId: string; course: Course }[];
}

/** Menus (套餐): reusable study programmes with required main-course kinds. */
@Injectable()
export class MenusService {
  constructor(
    private readonly repo: CatalogRepository,
    private readonly catalog: CatalogService,
  ) {}

  async create(caller: AuthUser, input: NewMenu): Promise<MenuView> {
    if (!input.name?.trim()) throw new BadInputError('name must not be empty');
    const requiredKinds = [...new Set(input.requiredKinds ?? DEFAULT_REQUIRED_KINDS)];
    const badKind = requiredKinds.find((k) => !CATALOG_KINDS.includes(k));
    if (badKind) throw new BadInputError(`requiredKinds must be among ${CATALOG_KINDS.join(', ')}`);
    if (!input.items?.length || input.items.length > MAX_MENU_ITEMS)
      throw new BadInputError(`items must have 1–${MAX_MENU_ITEMS} entries`);
    const kinds = await this.catalog.kindsOf(input.items.map((i) => i.catalogItemId));
    assertMainCourses(
      input.items.map((i) => ({ kind: kinds.get(i.catalogItemId)!.kind, course: i.course })),
      requiredKinds,
    );
    const id = await this.repo.transaction((em) =>
      this.repo.insertMenu(em, { name: input.name.trim(), requiredKinds, createdBy: caller.id, items: input.items }),
    );
    return this.get(id);
  }

  async get(id: string): Promise<MenuView> {
    const menu = await this.repo.findMenu(id);
    if (!menu) throw new NotFoundError('menu');
    return menu;
  }

  list(q: { limit: number; offset: number }): Promise<Page<MenuView>> {
    return this.repo.menusPage(q);
  }

  /** Required kinds and items of a menu, for copying into a session; a menu that does not exist is a 400. */
  async forCopy(id: string): Promise<{ requiredKinds: CatalogKind[]; items: { catalogItemId: string; course: Course }[] }> {
    const menu = await this.repo.findMenu(id);
    if (!menu) throw new BadInputError('menuId must name an existing menu');
    return { requiredKinds: menu.requiredKinds, items: menu.items.map((i) => ({ catalogItemId: i.catalogItemId, course: i.course })) };
  }
}
