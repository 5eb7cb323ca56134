import { Injectable } from '@nestjs/common';
import { AuthUser, conflict, decodeCursor, forbidden, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { CreateUserDto, UserDto } from './dto/user.dto';
import { PasswordService } from './password.service';
import { toUserDto } from './user.mapper';
import { UsersRepository } from './users.repository';
import { IdentityError } from './identity.errors';

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
  ) {}

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    if (!actor.isAdmin) throw forbidden('Only a platform administrator creates users.');
    const email = dto.email.trim().toLowerCase();
    if (await this.users.findByEmail(email)) throw conflict(IdentityError.EmailTaken, 'A user with this email already exists.');
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.uow.run(async (tx) => {
      const u = await this.users.insert(tx.em, { email, passwordHash, fullName: dto.fullName.trim(), isAdmin: false });
      await tx.audit({ councilId: null, actorUserId: actor.id, action: 'user.created', objectType: 'user', objectId: u.id, after: { email: u.email, fullName: u.fullName } });
      return u;
    });
    return toUserDto(user);
  }

  async list(actor: AuthUser, q: { limit: number; cursor?: string; email?: string }): Promise<Page<UserDto>> {
    if (!actor.isAdmin) throw forbidden('Only a platform administrator lists users.');
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.users.page(after, q.limit + 1, q.email);
    return toPage(rows, q.limit, (u) => [u.createdAt.toISOString(), u.id], toUserDto);
  }
}
