import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { CatalogService } from '@qf/sessions';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { CatalogItemDto, CatalogPageDto, CreateCatalogItemDto, ListCatalogQueryDto } from './dto/catalog.dto';

@ApiTags('catalog')
@Authenticated()
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Post()
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'Add a study catalog item' })
  @ApiCreatedResponse({ type: CatalogItemDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateCatalogItemDto): Promise<CatalogItemDto> {
    return this.catalog.create(caller, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Catalog items, newest first; filter by kind, search title and summary with q' })
  @ApiOkResponse({ type: CatalogPageDto })
  list(@Query() query: ListCatalogQueryDto): Promise<CatalogPageDto> {
    return this.catalog.list(query);
  }
}
