export * from './entities/plan-item-update.entity';
export * from './entities/plan-item.entity';
export * from './entities/plan.entity';
export * from './entities/reform-package.entity';
export * from './implementation.module';
export * from './implementation.service';
export * from './implementation.errors';
