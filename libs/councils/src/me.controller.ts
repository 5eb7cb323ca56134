import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { UnitOfWork } from '@kenes/audit';
import { COUNCIL_ROLES, CouncilRole } from '@kenes/core';
import { AuthUser, CurrentUser, unauthenticated } from '@kenes/common';
import { UsersRepository } from '@kenes/identity';
import { MembershipsRepository } from './memberships.repository';

export class MeMembershipDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ enum: COUNCIL_ROLES, isArray: true }) roles: CouncilRole[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn: string | null;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ description: 'whether open data may name you as an author' }) publicNameConsent: boolean;
  @ApiProperty({ type: [MeMembershipDto] }) memberships: MeMembershipDto[];
}

export class UpdateMeDto {
  @ApiProperty({ description: 'agree (or no longer agree) that open data names you as an author' })
  @IsBoolean()
  publicNameConsent: boolean;
}

/** GET /auth/me lives with councils because it lists memberships (identity sits a floor below). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class MeController {
  constructor(
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  @Patch('me')
  @ApiOperation({ summary: 'Your consent to be named as an author in open data' })
  @ApiOkResponse({ type: MeDto })
  async updateMe(@CurrentUser() caller: AuthUser, @Body() dto: UpdateMeDto): Promise<MeDto> {
    await this.uow.run(async (tx) => {
      await this.users.setPublicNameConsent(tx.em, caller.id, dto.publicNameConsent);
      await tx.audit({ councilId: null, actorUserId: caller.id, action: 'user.public_name_consent', objectType: 'user', objectId: caller.id, after: { publicNameConsent: dto.publicNameConsent } });
    });
    return this.me(caller);
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller, with every membership and its roles and term' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentUser() caller: AuthUser): Promise<MeDto> {
    const user = await this.users.findById(caller.id);
    if (!user) throw unauthenticated('The account no longer exists.');
    const memberships = await this.memberships.allOfUser(user.id);
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      isAdmin: user.isAdmin,
      publicNameConsent: user.publicNameConsent,
      memberships: memberships.map((m) => ({ id: m.id, councilId: m.councilId, roles: m.roles, agencyId: m.agencyId ?? null, startsOn: m.startsOn, endsOn: m.endsOn ?? null })),
    };
  }
}
