import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { DeclarationsService } from '@qf/integrity';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { IdParam } from '../common/id-param';
import { AcknowledgeDeclarationDto, CreateDeclarationDto, DeclarationDto, DeclarationPageDto, ListDeclarationsQueryDto } from './dto/declaration.dto';

@ApiTags('integrity')
@Authenticated()
@Controller()
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Post('me/declarations')
  @Roles('member', 'organiser')
  @ApiOperation({ summary: 'Declare a wedding, funeral or other celebration before it takes place (婚丧喜庆事宜报备); organisers of your units are notified' })
  @ApiCreatedResponse({ type: DeclarationDto })
  file(@CurrentUser() caller: AuthUser, @Body() dto: CreateDeclarationDto): Promise<DeclarationDto> {
    return this.declarations.file(caller, dto);
  }

  @Get('me/declarations')
  @ApiOperation({ summary: 'Your own declarations, unacknowledged first' })
  @ApiOkResponse({ type: DeclarationPageDto })
  mine(@CurrentUser() caller: AuthUser, @Query() q: ListDeclarationsQueryDto): Promise<DeclarationPageDto> {
    return this.declarations.mine(caller, q);
  }

  @Get('declarations')
  @Roles('organiser', 'auditor', 'admin')
  @ApiOperation({ summary: 'Declarations of the people of your units, your own excepted (organisers); everyone’s (auditors, admins); unacknowledged first' })
  @ApiOkResponse({ type: DeclarationPageDto })
  list(@CurrentUser() caller: AuthUser, @Query() q: ListDeclarationsQueryDto): Promise<DeclarationPageDto> {
    return this.declarations.list(caller, q);
  }

  @Get('declarations/:id')
  @ApiOperation({ summary: 'A declaration (the person, organisers of their units, auditors, admins; else 404)' })
  @ApiOkResponse({ type: DeclarationDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<DeclarationDto> {
    return this.declarations.get(caller, id);
  }

  @Post('declarations/:id/acknowledge')
  @HttpCode(200)
  @Roles('organiser', 'admin')
  @ApiOperation({ summary: 'An organiser of the person’s units acknowledges a declaration (not their own); the person is notified' })
  @ApiOkResponse({ type: DeclarationDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'already acknowledged' })
  acknowledge(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Body() dto: AcknowledgeDeclarationDto): Promise<DeclarationDto> {
    return this.declarations.acknowledge(caller, id, dto.comment);
  }
}
