import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { DeclarationsService } from '@qf/integrity';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators';
import { AcknowledgeDeclarationDto, CreateDeclarationDto, DeclarationDto } from './dto/declaration.dto';
import { IdParam } from '../common/id-param';

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
