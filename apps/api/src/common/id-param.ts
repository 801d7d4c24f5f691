import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be a UUID (400 otherwise): `@IdParam() id: string`, `@IdParam('itemId')`. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, ParseUUIDPipe);
