import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { Env } from '@qf/config';
import { AccessPolicy } from './access-policy';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthService } from './auth.service';
import { LoginFailureStore } from './login-failure.store';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { UnitRepository } from './unit.repository';
import { UnitsService } from './units.service';
import { UserImportService } from './user-import.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

const services = [AccessPolicy, AdminBootstrapService, AuthService, LoginLimiter, PasswordHasher, UnitsService, UserImportService, UsersService, UserRepository, UnitRepository, LoginFailureStore];

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: services,
  exports: services,
})
export class IdentityModule {}
