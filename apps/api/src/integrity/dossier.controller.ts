import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@qf/common';
import { DossierService } from '@qf/integrity';
import type { FastifyReply } from 'fastify';
import { attachment } from '../common/attachment';
import { Authenticated, CurrentUser } from '../common/auth.decorators';
import { DossierAccessDto, DossierDto, DossierQueryDto } from './dto/dossier.dto';
import { IdParam } from '../common/id-param';

@ApiTags('integrity')
@Authenticated()
@Controller('people/:id/dossier')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  @Get()
  @ApiOperation({ summary: 'A person’s integrity dossier (廉政档案) for a year (the person, organisers of their units, auditors, admins; else 404); reads by others are logged' })
  @ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: DossierDto })
  @ApiNotFoundResponse()
  async read(@CurrentUser() caller: AuthUser, @IdParam() id: string, @Query() q: DossierQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const format = q.format ?? 'json';
    const dossier = await this.dossiers.read(caller, id, q.year, format);
    if (format === 'json') return void (await reply.header('cache-control', 'no-store').send(dossier));
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`dossier-${id}-${dossier.year}.xlsx`, `dossier-${id}-${dossier.year}.xlsx`))
      .header('cache-control', 'no-store')
      .send(await this.dossiers.xlsx(dossier));
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who read the dossier, newest first (the person, auditors, admins)' })
  @ApiOkResponse({ type: [DossierAccessDto] })
  @ApiForbiddenResponse({ description: 'an organiser who may read the dossier but not its log' })
  @ApiNotFoundResponse()
  accessLog(@CurrentUser() caller: AuthUser, @IdParam() id: string): Promise<DossierAccessDto[]> {
    return this.dossiers.accessLog(caller, id);
  }
}
