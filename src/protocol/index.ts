export * from './types.js'
export { Replica } from './replica.js'
export { quorum, primaryOf } from './quorum.js'
export * as protocolLimits from './limits.js'
