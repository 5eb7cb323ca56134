export * from './rotation.module';
export * from './rotation.errors';
export * from './balance.service';
export * from './entities/balance-settings.entity';
export * from './entities/balance-target.entity';
export * from './entities/candidate.entity';
export * from './entities/rotation-plan.entity';
export * from './rotation.service';
