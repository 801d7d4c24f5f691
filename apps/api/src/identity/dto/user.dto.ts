import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { Role, ROLES } from '@qf/database';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalIn, OptionalUuid } from '../../common/dto-properties';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'zhangwei' }) username: string;
  @ApiProperty({ example: '张伟' }) displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() active: boolean;
}

export class CreateUserDto {
  /** Letters, digits, `_ . @ -`; 2–64 characters; unique ignoring case. */
  @ApiProperty({ example: 'zhangwei' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.@-]{2,64}$/, { message: 'username must be 2–64 characters: letters, digits, _ . @ -' })
  username: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId: string;
}

export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['displayName', 'role', 'unitId'] as const)) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListUsersQueryDto extends PageQueryDto {
  /** Users of this unit and its descendants. */
  @OptionalUuid()
  unitId?: string;

  @OptionalIn(ROLES)
  role?: Role;

  /** Matches username or display name. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class LoginUserDto extends UserDto {
  /** An admin reset the password: only GET /me and POST /me/password work until the user changes it. */
  @ApiProperty() mustChangePassword: boolean;
}

export class LoginResultDto {
  @ApiProperty() accessToken: string;
  /** Seconds until the token expires. */
  @ApiProperty() expiresIn: number;
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  newPassword: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  newPassword: string;
}

export class ImportErrorDto {
  /** The line number in the CSV (the header is line 1). */
  @ApiProperty({ example: 3 }) line: number;
  @ApiProperty({ example: 'role must be one of member, organiser, auditor, admin' }) message: string;
}

export class ImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
}
