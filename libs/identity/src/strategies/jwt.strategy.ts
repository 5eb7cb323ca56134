import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser, Environment } from '@kenes/common';
import { fromClaims } from '../tokens.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: Environment) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.JWT_SECRET as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      issuer: 'kenes',
    });
  }

  validate(claims: Record<string, unknown>): AuthUser {
    return fromClaims(claims);
  }
}
