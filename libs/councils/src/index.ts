export * from './councils.module';
export * from './access/access.service';
export * from './entities/council.entity';
export * from './entities/agency.entity';
export * from './entities/membership.entity';
export * from './entities/working-group.entity';
export * from './entities/working-group-member.entity';
export * from './councils.errors';
