export * from './types.js'
export { CftReplica } from './replica.js'
export { ackBytes, chainDigest, GENESIS_DIGEST } from './log.js'
export * as cftLimits from './limits.js'
