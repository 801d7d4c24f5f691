import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnitsService } from '@qf/identity';
import { Authenticated, Roles } from '../common/auth.decorators';
import { CreateUnitDto, UnitDto } from './dto/unit.dto';
import { ApiConflict } from '../openapi/api-responses.decorators';

@ApiTags('units')
@Authenticated()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a unit (under parentId, or a new root)' })
  @ApiConflict('A unit of that name already exists under this parent')
  @ApiCreatedResponse({ type: UnitDto })
  create(@Body() dto: CreateUnitDto): Promise<UnitDto> {
    return this.units.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'All units, parents before children' })
  @ApiOkResponse({ type: [UnitDto] })
  list(): Promise<UnitDto[]> {
    return this.units.list();
  }
}
