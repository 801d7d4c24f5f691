import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { PageQueryDto } from '../common/page-query';
import { MenusService } from '@qf/sessions';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CreateMenuDto, MenuDto, MenuPageDto } from './dto/menu.dto';
import { IdParam } from '../common/id-param';

@ApiTags('catalog')
@Authenticated()
@Controller('menus')
export class MenusController {
  constructor(private readonly menus: MenusService) {}

  @Post()
  @Roles('organiser', 'admin')
  @ApiOperation({
    summary: 'Create a menu (套餐); each required kind (default theory, history, song) needs a main item, else 400 naming the missing kinds',
  })
  @ApiCreatedResponse({ type: MenuDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateMenuDto): Promise<MenuDto> {
    return this.menus.create(caller, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Menus with their items, newest first' })
  @ApiOkResponse({ type: MenuPageDto })
  list(@Query() query: PageQueryDto): Promise<MenuPageDto> {
    return this.menus.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A menu with its items' })
  @ApiOkResponse({ type: MenuDto })
  @ApiNotFoundResponse()
  get(@IdParam() id: string): Promise<MenuDto> {
    return this.menus.get(id);
  }
}
