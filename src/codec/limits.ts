// Every length that untrusted bytes can make grow has its maximum here. The relations between
// them are checked once at load (see `checkLimits`), in the spirit of TigerBeetle's constants.

/** Largest frame accepted on any stream; checked against the length prefix before reading. */
export const FRAME_BYTES_MAX = 16 * 1024 * 1024
/** Largest frame on the client protocol (one transaction or one reply). */
export const CLIENT_FRAME_BYTES_MAX = 64 * 1024

export const CHAIN_ID_BYTES_MAX = 64
export const PUBLIC_KEY_BYTES = 32
export const SIGNATURE_BYTES = 64
export const DIGEST_BYTES = 32

export const TX_PAYLOAD_BYTES_MAX = 1024
export const TX_BYTES_MAX = 2048
export const REPLY_LOG_BYTES_MAX = 256
export const CLIENT_ERROR_BYTES_MAX = 512
/** Longest "busy, retry after" a replica may ask a client to wait. */
export const RETRY_AFTER_MS_MAX = 60_000

/** Replicas in one cluster. */
export const REPLICAS_MAX = 64
/** Transactions in one batch (= one block). */
export const BATCH_TXS_MAX = 2048
/** Encoded bytes of the transactions of one batch. */
export const BATCH_BYTES_MAX = 1024 * 1024
/** Evidence records in one batch. */
export const BATCH_EVIDENCE_MAX = 16
/** Signed messages inside one evidence record. */
export const EVIDENCE_MESSAGES_MAX = 2
export const EVIDENCE_MESSAGE_BYTES_MAX = 16 * 1024
export const EVIDENCE_KIND_BYTES_MAX = 64
/** Sequence numbers in flight: the watermark window L. */
export const WINDOW_MAX = 256
/** Batches attached to one frame (PRE-PREPARE: 1; VIEW-CHANGE / NEW-VIEW: up to the window). */
export const FRAME_BATCHES_MAX = WINDOW_MAX
/** Blocks in one state-transfer response. */
export const STATE_RESPONSE_BLOCKS_MAX = 64
/** Siblings in one Merkle proof over a block's transactions or results (2^11 >= BATCH_TXS_MAX). */
export const MERKLE_SIBLINGS_MAX = 11
/** Encoded sizes that bound a reply and a receipt (checked below against their frames). */
export const BLOCK_HEADER_BYTES_MAX = 4096
export const ATTESTATION_BYTES_MAX = 256
export const TX_PROOF_BYTES_MAX = 32 + REPLY_LOG_BYTES_MAX + 2 * MERKLE_SIBLINGS_MAX * (DIGEST_BYTES + 2)
/** One attestation per replica at most. */
export const RECEIPT_ATTESTATIONS_MAX = REPLICAS_MAX
/** A receipt: transaction, header, proof and up to one attestation per replica. */
export const RECEIPT_BYTES_MAX = 32 * 1024
/** Admin command: modes and targets. */
export const ADMIN_MODES_MAX = 17
export const ADMIN_MODE_BYTES_MAX = 64

export function checkLimits (): void {
  const rules: Array<[boolean, string]> = [
    [TX_PAYLOAD_BYTES_MAX + 256 <= TX_BYTES_MAX, 'a transaction must fit its payload plus header fields'],
    [TX_BYTES_MAX <= CLIENT_FRAME_BYTES_MAX, 'a transaction must fit a client frame'],
    [BATCH_BYTES_MAX <= FRAME_BYTES_MAX, 'a batch must fit a frame'],
    [BATCH_TXS_MAX * 100 <= BATCH_BYTES_MAX * 2, 'BATCH_TXS_MAX of small transactions must fit BATCH_BYTES_MAX'],
    [REPLICAS_MAX >= 4, 'PBFT needs at least 4 replicas'],
    [FRAME_BATCHES_MAX >= WINDOW_MAX, 'a NEW-VIEW must be able to carry a batch per seq in the window'],
    [EVIDENCE_MESSAGE_BYTES_MAX * EVIDENCE_MESSAGES_MAX * BATCH_EVIDENCE_MAX <= BATCH_BYTES_MAX, 'evidence must fit a batch'],
    [2 ** MERKLE_SIBLINGS_MAX >= BATCH_TXS_MAX, 'a proof must reach the root of a full batch'],
    [CHAIN_ID_BYTES_MAX + DIGEST_BYTES + SIGNATURE_BYTES + 3 * 11 + 8 <= ATTESTATION_BYTES_MAX, 'an attestation must fit ATTESTATION_BYTES_MAX'],
    [DIGEST_BYTES + ATTESTATION_BYTES_MAX + BLOCK_HEADER_BYTES_MAX + TX_PROOF_BYTES_MAX + 16 <= CLIENT_FRAME_BYTES_MAX, 'a transaction\'s reply must fit a client frame'],
    [TX_BYTES_MAX + BLOCK_HEADER_BYTES_MAX + TX_PROOF_BYTES_MAX + RECEIPT_ATTESTATIONS_MAX * (ATTESTATION_BYTES_MAX + 3) + 16 <= RECEIPT_BYTES_MAX, 'a receipt with one attestation per replica must fit RECEIPT_BYTES_MAX']
  ]
  for (const [ok, why] of rules) {
    if (!ok) throw new Error(`codec limits are inconsistent: ${why}`)
  }
}

checkLimits()

/**
 * Decode-time limits on repeated fields, in the shape protons-runtime expects. Counts are
 * enforced while decoding, so a small frame cannot make the decoder build millions of objects.
 */
const checkpointsLimit = REPLICAS_MAX
const preparedCertLimits = { prepares: REPLICAS_MAX }
const viewChangeLimits = { checkpointProof: checkpointsLimit, prepared: WINDOW_MAX, prepared$: preparedCertLimits }
const evidenceLimits = { messages: EVIDENCE_MESSAGES_MAX }
const batchLimits = { txs: BATCH_TXS_MAX, evidence: BATCH_EVIDENCE_MAX, evidence$: evidenceLimits }
const certLimits = { commits: REPLICAS_MAX }
export const prunedBlockLimits = { cert: certLimits }
/** A prune record holds an application snapshot: at most this many bytes (src/app/snapshot.ts fits). */
export const PRUNE_RECORD_BYTES_MAX = 64 * 1024 * 1024
export const pruneRecordLimits = { checkpoint: { proof: REPLICAS_MAX } }
export const blockLimits = { txs: BATCH_TXS_MAX, results: BATCH_TXS_MAX, evidence: BATCH_EVIDENCE_MAX, evidence$: evidenceLimits, cert: certLimits }

export const replicaFrameLimits = {
  viewChange: viewChangeLimits,
  newView: { viewChanges: REPLICAS_MAX, viewChanges$: viewChangeLimits, prePrepares: WINDOW_MAX },
  stateResponse: { blocks: STATE_RESPONSE_BLOCKS_MAX, blocks$: blockLimits },
  batches: FRAME_BATCHES_MAX,
  batches$: batchLimits
}
export const txProofLimits = { txSiblings: MERKLE_SIBLINGS_MAX, resultSiblings: MERKLE_SIBLINGS_MAX }
export const clientFrameLimits = { txReply: { proof: txProofLimits } }
export const adminLimits = { modes: ADMIN_MODES_MAX, targets: REPLICAS_MAX }
export const evidenceDecodeLimits = evidenceLimits
