import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';
import { applyContractDefaults } from './contract-defaults';

export const BEARER_SCHEME = 'bearer';

/** The api's OpenAPI document, as served at /api/docs-json and written to openapi.json (`npm run openapi`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('清风 Qingfeng API')
    .setDescription(
      'Study sessions and warning education. Roles: member, organiser (their unit and descendants), auditor (reads everything), admin. ' +
        'Every endpoint but login, health and these docs needs `Authorization: Bearer <accessToken>`. ' +
        'Errors have the body `{statusCode, message, error}` (`ErrorBody`).',
    )
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  // Proprietary (package.json: UNLICENSED): a name and no URL, as there is no licence text to point to.
  config.info.license = { name: 'UNLICENSED (proprietary; not licensed for use outside the organisation)' };
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto] });
  return applyContractDefaults(document);
}
