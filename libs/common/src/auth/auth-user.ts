import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** The authenticated caller, as the access token tells it. */
export interface AuthUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

export const IS_PUBLIC = 'kenes:isPublic';

/** Opts a route out of the global authentication guard (deny by default). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller; on a @Public() route it is undefined when no token was sent. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  const req = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  return req.user;
});
