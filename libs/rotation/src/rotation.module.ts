import { Module, OnModuleInit } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils';
import { IdentityModule } from '@kenes/identity';
import { BalanceController } from './balance.controller';
import { BalanceService } from './balance.service';
import { RotationController } from './rotation.controller';
import { ROTATION_TIME_LIMIT_MS } from './rotation.config';
import { RotationRepository } from './rotation.repository';
import { RotationService } from './rotation.service';
import { HighsWorkerSolver } from './solver/highs-worker.solver';

/** Balance targets, the balance and its history, the pool of candidates and the rotation planner. */
@Module({
  imports: [CouncilsModule, IdentityModule],
  controllers: [BalanceController, RotationController],
  providers: [BalanceService, RotationService, RotationRepository, HighsWorkerSolver],
  exports: [RotationRepository, BalanceService, RotationService],
})
export class RotationModule implements OnModuleInit {
  onModuleInit(): void {
    // A bad time limit stops the start, naming the variable.
    ROTATION_TIME_LIMIT_MS();
  }
}
