import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** The authenticated caller, as the access token tells it. */
export interface AuthUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

export const IS_PUBLIC = 'kenes:isPublic';

/** Marks a public operation in the OpenAPI document, which then says the token is optional. */
export const PUBLIC_EXTENSION = 'x-kenes-public';

/** Opts a route out of the global authentication guard (deny by default). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** The caller; on a @Public() route it is undefined when no token was sent. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  const req = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  return req.user;
});
