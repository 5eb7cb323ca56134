import { UserEntity } from './entities/user.entity';
import { UserDto } from './dto/user.dto';

export const toUserDto = (u: UserEntity): UserDto => ({
  id: u.id,
  email: u.email,
  fullName: u.fullName,
  isAdmin: u.isAdmin,
  createdAt: u.createdAt.toISOString(),
});
