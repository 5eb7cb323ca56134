import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { blankFields, invalid, flattenValidationErrors, isJsonObject, notAnObject, unauthenticated } from '@kenes/common';
import { BAD_CREDENTIALS } from '../auth.service';
import { LoginDto } from '../dto/auth.dto';

/**
 * passport-local login, with the body validated first so that a malformed
 * body is a 400 naming its fields rather than a 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ body: unknown }>();
    if (req.body !== undefined && !isJsonObject(req.body)) throw notAnObject();
    const body = (req.body ?? {}) as object;
    const dto = plainToInstance(LoginDto, body);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    const blank = blankFields(dto);
    const fields = flattenValidationErrors(errors);
    if (fields.length || blank.length) throw invalid([...fields, ...blank.filter((b) => !fields.some((f) => f.field === b.field))]);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    // passport-local fails without calling the strategy when a credential is empty
    if (!user) throw unauthenticated(BAD_CREDENTIALS);
    return user;
  }
}
