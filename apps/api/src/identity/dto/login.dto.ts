import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  username: string;

  @ApiProperty({ example: 'qingfeng-admin-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}
