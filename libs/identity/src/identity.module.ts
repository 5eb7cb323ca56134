import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { Environment } from '@kenes/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LoginFailuresRepository } from './login-failures.repository';
import { PasswordService } from './password.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { LocalStrategy } from './strategies/local.strategy';
import { jwtKey, TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({ secret: jwtKey(env) as never, signOptions: { algorithm: 'HS256', issuer: 'kenes' }, verifyOptions: { issuer: 'kenes' } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    RefreshTokensRepository,
    LoginFailuresRepository,
    PasswordService,
    TokensService,
    LocalStrategy,
    JwtAuthGuard,
    AdminBootstrapService,
  ],
  exports: [UsersRepository, PasswordService, TokensService, JwtAuthGuard, AdminBootstrapService],
})
export class IdentityModule {}
