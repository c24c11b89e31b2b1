// Every reason the protocol core drops an input for (State.drop, Replica.drops()): a closed set,
// so /metrics can list each one from the start (at 0) and a new reason must be named here.

/** Why a VIEW-CHANGE is invalid (view-change.ts viewChangeProblem). */
export const VIEW_CHANGE_PROBLEMS = [
  'wrong chain', 'bad signature', 'bad checkpoint proof', 'two prepared certificates for one seq',
  'prepared certificate without its batch', 'prepared certificate outside the window',
  'prepared certificate from a wrong view or primary', 'prepared certificate with a bad pre-prepare signature',
  'prepared certificate with a mismatched prepare', 'prepared certificate with a bad prepare',
  'prepared certificate with too few prepares'
] as const
export type ViewChangeProblem = typeof VIEW_CHANGE_PROBLEMS[number]

/** Why a client request is refused by the core (requests.ts checkTransaction). */
export const REQUEST_PROBLEMS = ['bad-chain', 'bad-signature'] as const

export const DROP_REASONS = [
  'bad-signature', 'checkpoint-below-sender-window', 'checkpoint-impersonated', 'checkpoint-stale',
  'commit-impersonated', 'commit-other-view', 'evidence-queue-full', 'future-buffer-full',
  'new-view-bad-view-changes', 'new-view-missing-batch', 'new-view-not-from-primary', 'new-view-stale',
  'new-view-too-few-view-changes', 'new-view-wrong-o', 'old-view', 'outside-window', 'pending-full',
  'pre-prepare-invalid-transaction', 'pre-prepare-not-from-primary', 'pre-prepare-rejected',
  'prepare-from-primary-or-impersonated', 'prepare-other-view', 'second-pre-prepare', 'unknown-sender',
  'view-change-impersonated', 'view-change-stale', 'would-equivocate', 'wrong-chain',
  ...REQUEST_PROBLEMS.map(p => `request-${p}` as const),
  ...VIEW_CHANGE_PROBLEMS.map(p => `view-change-invalid: ${p}` as const)
] as const
export type DropReason = typeof DROP_REASONS[number]
