import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser, Environment } from '@kenes/common';
import { fromClaims, jwtKey } from '../tokens.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: Environment) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key on every request.
      secretOrKey: jwtKey(env) as never,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      issuer: 'kenes',
    });
  }

  validate(claims: Record<string, unknown>): AuthUser {
    return fromClaims(claims);
  }
}
