// pbft-ledger's public API: the client SDK, genesis and ledger verification, the codec types.
export * from './client/index.js'
export { loadGenesis, parseGenesis, type Genesis } from './ledger/genesis.js'
export { verifyLedger, type VerifyReport } from './ledger/verify.js'
export { startReplica, type ReplicaNodeOptions } from './node/replica-node.js'
export { loadKeyFile, writeKeyFile, generateKeyPair, verify } from './crypto/index.js'
export type { Transaction, BlockAttestation, TxProof, TxReply, Receipt, Block, BlockHeader, Evidence } from './codec/index.js'
