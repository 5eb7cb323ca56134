/**
 * The codes of the conflicts (409) the rotation library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum RotationError {
  CandidateIsMember = 'CANDIDATE_IS_MEMBER',
  RotationPlanApplied = 'ROTATION_PLAN_APPLIED',
  RotationPlanInfeasible = 'ROTATION_PLAN_INFEASIBLE',
  RotationPlanStale = 'ROTATION_PLAN_STALE',
}
