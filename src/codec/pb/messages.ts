import '../protons-fix.js'
import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Transfer {
  to: Uint8Array
  amount: bigint
}

export namespace Transfer {
  let _codec: Codec<Transfer>

  export const codec = (): Codec<Transfer> => {
    if (_codec == null) {
      _codec = message<Transfer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.to != null && obj.to.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.to)
        }

        if ((obj.amount != null && obj.amount !== 0n)) {
          w.uint32(16)
          w.uint64(obj.amount)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          to: uint8ArrayAlloc(0),
          amount: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.to = reader.bytes()
              break
            }
            case 2: {
              obj.amount = reader.uint64()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.to`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.amount`,
                value: reader.uint64()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TransferToFieldEvent {
    field: '$.to'
    value: Uint8Array
  }

  export interface TransferAmountFieldEvent {
    field: '$.amount'
    value: bigint
  }

  export function encode (obj: Partial<Transfer>): Uint8Array {
    return encodeMessage(obj, Transfer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Transfer>): Transfer {
    return decodeMessage(buf, Transfer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Transfer>): Generator<TransferToFieldEvent | TransferAmountFieldEvent> {
    return streamMessage(buf, Transfer.codec(), opts)
  }
}

export interface Transaction {
  chainId: string
  client: Uint8Array
  nonce: number
  payload: Uint8Array
  signature: Uint8Array
}

export namespace Transaction {
  let _codec: Codec<Transaction>

  export const codec = (): Codec<Transaction> => {
    if (_codec == null) {
      _codec = message<Transaction>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.client != null && obj.client.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.client)
        }

        if ((obj.nonce != null && obj.nonce !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.nonce)
        }

        if ((obj.payload != null && obj.payload.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.payload)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          client: uint8ArrayAlloc(0),
          nonce: 0,
          payload: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.client = reader.bytes()
              break
            }
            case 3: {
              obj.nonce = reader.uint64Number()
              break
            }
            case 4: {
              obj.payload = reader.bytes()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.client`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.payload`,
                value: reader.bytes()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TransactionChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface TransactionClientFieldEvent {
    field: '$.client'
    value: Uint8Array
  }

  export interface TransactionNonceFieldEvent {
    field: '$.nonce'
    value: number
  }

  export interface TransactionPayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array
  }

  export interface TransactionSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<Transaction>): Uint8Array {
    return encodeMessage(obj, Transaction.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Transaction>): Transaction {
    return decodeMessage(buf, Transaction.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Transaction>): Generator<TransactionChainIdFieldEvent | TransactionClientFieldEvent | TransactionNonceFieldEvent | TransactionPayloadFieldEvent | TransactionSignatureFieldEvent> {
    return streamMessage(buf, Transaction.codec(), opts)
  }
}

export interface BlockAttestation {
  chainId: string
  view: number
  height: number
  blockHash: Uint8Array
  replica: number
  signature: Uint8Array
}

export namespace BlockAttestation {
  let _codec: Codec<BlockAttestation>

  export const codec = (): Codec<BlockAttestation> => {
    if (_codec == null) {
      _codec = message<BlockAttestation>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.view)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.height)
        }

        if ((obj.blockHash != null && obj.blockHash.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.blockHash)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(40)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          view: 0,
          height: 0,
          blockHash: uint8ArrayAlloc(0),
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.view = reader.uint64Number()
              break
            }
            case 3: {
              obj.height = reader.uint64Number()
              break
            }
            case 4: {
              obj.blockHash = reader.bytes()
              break
            }
            case 5: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.blockHash`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface BlockAttestationChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface BlockAttestationViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface BlockAttestationHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface BlockAttestationBlockHashFieldEvent {
    field: '$.blockHash'
    value: Uint8Array
  }

  export interface BlockAttestationReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface BlockAttestationSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<BlockAttestation>): Uint8Array {
    return encodeMessage(obj, BlockAttestation.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockAttestation>): BlockAttestation {
    return decodeMessage(buf, BlockAttestation.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockAttestation>): Generator<BlockAttestationChainIdFieldEvent | BlockAttestationViewFieldEvent | BlockAttestationHeightFieldEvent | BlockAttestationBlockHashFieldEvent | BlockAttestationReplicaFieldEvent | BlockAttestationSignatureFieldEvent> {
    return streamMessage(buf, BlockAttestation.codec(), opts)
  }
}

export interface TxProof {
  index: number
  result?: TxResult
  txSiblings: Uint8Array[]
  resultSiblings: Uint8Array[]
}

export namespace TxProof {
  let _codec: Codec<TxProof>

  export const codec = (): Codec<TxProof> => {
    if (_codec == null) {
      _codec = message<TxProof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint32(obj.index)
        }

        if (obj.result != null) {
          w.uint32(18)
          TxResult.codec().encode(obj.result, w)
        }

        if (obj.txSiblings != null && obj.txSiblings.length > 0) {
          for (const value of obj.txSiblings) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (obj.resultSiblings != null && obj.resultSiblings.length > 0) {
          for (const value of obj.resultSiblings) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          txSiblings: [],
          resultSiblings: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint32()
              break
            }
            case 2: {
              obj.result = TxResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.result
              })
              break
            }
            case 3: {
              if (opts.limits?.txSiblings != null && obj.txSiblings.length === opts.limits.txSiblings) {
                throw new MaxLengthError('Decode error - repeated field "txSiblings" had too many elements')
              }

              obj.txSiblings.push(reader.bytes())
              break
            }
            case 4: {
              if (opts.limits?.resultSiblings != null && obj.resultSiblings.length === opts.limits.resultSiblings) {
                throw new MaxLengthError('Decode error - repeated field "resultSiblings" had too many elements')
              }

              obj.resultSiblings.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          txSiblings: 0,
          resultSiblings: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield * TxResult.codec().stream(reader, reader.uint32(), `${prefix}.result`, {
                limits: opts.limits?.result
              })

              break
            }
            case 3: {
              if (opts.limits?.txSiblings != null && obj.txSiblings === opts.limits.txSiblings) {
                throw new MaxLengthError('Streaming decode error - repeated field "txSiblings" had too many elements')
              }

              yield {
                field: `${prefix}.txSiblings[]`,
                index: obj.txSiblings,
                value: reader.bytes()
              }

              obj.txSiblings++

              break
            }
            case 4: {
              if (opts.limits?.resultSiblings != null && obj.resultSiblings === opts.limits.resultSiblings) {
                throw new MaxLengthError('Streaming decode error - repeated field "resultSiblings" had too many elements')
              }

              yield {
                field: `${prefix}.resultSiblings[]`,
                index: obj.resultSiblings,
                value: reader.bytes()
              }

              obj.resultSiblings++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TxProofIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface TxProofResultCodeFieldEvent {
    field: '$.result.code'
    value: number
  }

  export interface TxProofResultLogFieldEvent {
    field: '$.result.log'
    value: string
  }

  export interface TxProofTxSiblingsFieldEvent {
    field: '$.txSiblings[]'
    index: number
    value: Uint8Array
  }

  export interface TxProofResultSiblingsFieldEvent {
    field: '$.resultSiblings[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<TxProof>): Uint8Array {
    return encodeMessage(obj, TxProof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxProof>): TxProof {
    return decodeMessage(buf, TxProof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxProof>): Generator<TxProofIndexFieldEvent | TxProofResultCodeFieldEvent | TxProofResultLogFieldEvent | TxProofTxSiblingsFieldEvent | TxProofResultSiblingsFieldEvent> {
    return streamMessage(buf, TxProof.codec(), opts)
  }
}

export interface TxReply {
  txId: Uint8Array
  attestation?: BlockAttestation
  header?: BlockHeader
  proof?: TxProof
}

export namespace TxReply {
  let _codec: Codec<TxReply>

  export const codec = (): Codec<TxReply> => {
    if (_codec == null) {
      _codec = message<TxReply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.txId != null && obj.txId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.txId)
        }

        if (obj.attestation != null) {
          w.uint32(18)
          BlockAttestation.codec().encode(obj.attestation, w)
        }

        if (obj.header != null) {
          w.uint32(26)
          BlockHeader.codec().encode(obj.header, w)
        }

        if (obj.proof != null) {
          w.uint32(34)
          TxProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          txId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.txId = reader.bytes()
              break
            }
            case 2: {
              obj.attestation = BlockAttestation.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.attestation
              })
              break
            }
            case 3: {
              obj.header = BlockHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.header
              })
              break
            }
            case 4: {
              obj.proof = TxProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.txId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield * BlockAttestation.codec().stream(reader, reader.uint32(), `${prefix}.attestation`, {
                limits: opts.limits?.attestation
              })

              break
            }
            case 3: {
              yield * BlockHeader.codec().stream(reader, reader.uint32(), `${prefix}.header`, {
                limits: opts.limits?.header
              })

              break
            }
            case 4: {
              yield * TxProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
                limits: opts.limits?.proof
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TxReplyTxIdFieldEvent {
    field: '$.txId'
    value: Uint8Array
  }

  export interface TxReplyAttestationChainIdFieldEvent {
    field: '$.attestation.chainId'
    value: string
  }

  export interface TxReplyAttestationViewFieldEvent {
    field: '$.attestation.view'
    value: number
  }

  export interface TxReplyAttestationHeightFieldEvent {
    field: '$.attestation.height'
    value: number
  }

  export interface TxReplyAttestationBlockHashFieldEvent {
    field: '$.attestation.blockHash'
    value: Uint8Array
  }

  export interface TxReplyAttestationReplicaFieldEvent {
    field: '$.attestation.replica'
    value: number
  }

  export interface TxReplyAttestationSignatureFieldEvent {
    field: '$.attestation.signature'
    value: Uint8Array
  }

  export interface TxReplyHeaderChainIdFieldEvent {
    field: '$.header.chainId'
    value: string
  }

  export interface TxReplyHeaderHeightFieldEvent {
    field: '$.header.height'
    value: number
  }

  export interface TxReplyHeaderViewFieldEvent {
    field: '$.header.view'
    value: number
  }

  export interface TxReplyHeaderPrevHashFieldEvent {
    field: '$.header.prevHash'
    value: Uint8Array
  }

  export interface TxReplyHeaderTxRootFieldEvent {
    field: '$.header.txRoot'
    value: Uint8Array
  }

  export interface TxReplyHeaderStateRootFieldEvent {
    field: '$.header.stateRoot'
    value: Uint8Array
  }

  export interface TxReplyHeaderResultsRootFieldEvent {
    field: '$.header.resultsRoot'
    value: Uint8Array
  }

  export interface TxReplyHeaderTimestampMsFieldEvent {
    field: '$.header.timestampMs'
    value: number
  }

  export interface TxReplyHeaderProposerFieldEvent {
    field: '$.header.proposer'
    value: number
  }

  export interface TxReplyHeaderEvidenceRootFieldEvent {
    field: '$.header.evidenceRoot'
    value: Uint8Array
  }

  export interface TxReplyHeaderTxCountFieldEvent {
    field: '$.header.txCount'
    value: number
  }

  export interface TxReplyHeaderEvidenceCountFieldEvent {
    field: '$.header.evidenceCount'
    value: number
  }

  export interface TxReplyProofIndexFieldEvent {
    field: '$.proof.index'
    value: number
  }

  export interface TxReplyProofResultCodeFieldEvent {
    field: '$.proof.result.code'
    value: number
  }

  export interface TxReplyProofResultLogFieldEvent {
    field: '$.proof.result.log'
    value: string
  }

  export interface TxReplyProofTxSiblingsFieldEvent {
    field: '$.proof.txSiblings[]'
    index: number
    value: Uint8Array
  }

  export interface TxReplyProofResultSiblingsFieldEvent {
    field: '$.proof.resultSiblings[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<TxReply>): Uint8Array {
    return encodeMessage(obj, TxReply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxReply>): TxReply {
    return decodeMessage(buf, TxReply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxReply>): Generator<TxReplyTxIdFieldEvent | TxReplyAttestationChainIdFieldEvent | TxReplyAttestationViewFieldEvent | TxReplyAttestationHeightFieldEvent | TxReplyAttestationBlockHashFieldEvent | TxReplyAttestationReplicaFieldEvent | TxReplyAttestationSignatureFieldEvent | TxReplyHeaderChainIdFieldEvent | TxReplyHeaderHeightFieldEvent | TxReplyHeaderViewFieldEvent | TxReplyHeaderPrevHashFieldEvent | TxReplyHeaderTxRootFieldEvent | TxReplyHeaderStateRootFieldEvent | TxReplyHeaderResultsRootFieldEvent | TxReplyHeaderTimestampMsFieldEvent | TxReplyHeaderProposerFieldEvent | TxReplyHeaderEvidenceRootFieldEvent | TxReplyHeaderTxCountFieldEvent | TxReplyHeaderEvidenceCountFieldEvent | TxReplyProofIndexFieldEvent | TxReplyProofResultCodeFieldEvent | TxReplyProofResultLogFieldEvent | TxReplyProofTxSiblingsFieldEvent | TxReplyProofResultSiblingsFieldEvent> {
    return streamMessage(buf, TxReply.codec(), opts)
  }
}

export interface Receipt {
  tx?: Transaction
  header?: BlockHeader
  proof?: TxProof
  attestations: BlockAttestation[]
}

export namespace Receipt {
  let _codec: Codec<Receipt>

  export const codec = (): Codec<Receipt> => {
    if (_codec == null) {
      _codec = message<Receipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.tx != null) {
          w.uint32(10)
          Transaction.codec().encode(obj.tx, w)
        }

        if (obj.header != null) {
          w.uint32(18)
          BlockHeader.codec().encode(obj.header, w)
        }

        if (obj.proof != null) {
          w.uint32(26)
          TxProof.codec().encode(obj.proof, w)
        }

        if (obj.attestations != null && obj.attestations.length > 0) {
          for (const value of obj.attestations) {
            w.uint32(34)
            BlockAttestation.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          attestations: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tx = Transaction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.tx
              })
              break
            }
            case 2: {
              obj.header = BlockHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.header
              })
              break
            }
            case 3: {
              obj.proof = TxProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof
              })
              break
            }
            case 4: {
              if (opts.limits?.attestations != null && obj.attestations.length === opts.limits.attestations) {
                throw new MaxLengthError('Decode error - repeated field "attestations" had too many elements')
              }

              obj.attestations.push(BlockAttestation.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.attestations$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          attestations: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Transaction.codec().stream(reader, reader.uint32(), `${prefix}.tx`, {
                limits: opts.limits?.tx
              })

              break
            }
            case 2: {
              yield * BlockHeader.codec().stream(reader, reader.uint32(), `${prefix}.header`, {
                limits: opts.limits?.header
              })

              break
            }
            case 3: {
              yield * TxProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
                limits: opts.limits?.proof
              })

              break
            }
            case 4: {
              if (opts.limits?.attestations != null && obj.attestations === opts.limits.attestations) {
                throw new MaxLengthError('Streaming decode error - repeated field "attestations" had too many elements')
              }

              for (const evt of BlockAttestation.codec().stream(reader, reader.uint32(), `${prefix}.attestations[]`, {
                limits: opts.limits?.attestations$
              })) {
                yield {
                  ...evt,
                  index: obj.attestations
                }
              }

              obj.attestations++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ReceiptTxChainIdFieldEvent {
    field: '$.tx.chainId'
    value: string
  }

  export interface ReceiptTxClientFieldEvent {
    field: '$.tx.client'
    value: Uint8Array
  }

  export interface ReceiptTxNonceFieldEvent {
    field: '$.tx.nonce'
    value: number
  }

  export interface ReceiptTxPayloadFieldEvent {
    field: '$.tx.payload'
    value: Uint8Array
  }

  export interface ReceiptTxSignatureFieldEvent {
    field: '$.tx.signature'
    value: Uint8Array
  }

  export interface ReceiptHeaderChainIdFieldEvent {
    field: '$.header.chainId'
    value: string
  }

  export interface ReceiptHeaderHeightFieldEvent {
    field: '$.header.height'
    value: number
  }

  export interface ReceiptHeaderViewFieldEvent {
    field: '$.header.view'
    value: number
  }

  export interface ReceiptHeaderPrevHashFieldEvent {
    field: '$.header.prevHash'
    value: Uint8Array
  }

  export interface ReceiptHeaderTxRootFieldEvent {
    field: '$.header.txRoot'
    value: Uint8Array
  }

  export interface ReceiptHeaderStateRootFieldEvent {
    field: '$.header.stateRoot'
    value: Uint8Array
  }

  export interface ReceiptHeaderResultsRootFieldEvent {
    field: '$.header.resultsRoot'
    value: Uint8Array
  }

  export interface ReceiptHeaderTimestampMsFieldEvent {
    field: '$.header.timestampMs'
    value: number
  }

  export interface ReceiptHeaderProposerFieldEvent {
    field: '$.header.proposer'
    value: number
  }

  export interface ReceiptHeaderEvidenceRootFieldEvent {
    field: '$.header.evidenceRoot'
    value: Uint8Array
  }

  export interface ReceiptHeaderTxCountFieldEvent {
    field: '$.header.txCount'
    value: number
  }

  export interface ReceiptHeaderEvidenceCountFieldEvent {
    field: '$.header.evidenceCount'
    value: number
  }

  export interface ReceiptProofIndexFieldEvent {
    field: '$.proof.index'
    value: number
  }

  export interface ReceiptProofResultCodeFieldEvent {
    field: '$.proof.result.code'
    value: number
  }

  export interface ReceiptProofResultLogFieldEvent {
    field: '$.proof.result.log'
    value: string
  }

  export interface ReceiptProofTxSiblingsFieldEvent {
    field: '$.proof.txSiblings[]'
    index: number
    value: Uint8Array
  }

  export interface ReceiptProofResultSiblingsFieldEvent {
    field: '$.proof.resultSiblings[]'
    index: number
    value: Uint8Array
  }

  export interface ReceiptAttestationsChainIdFieldEvent {
    field: '$.attestations[].chainId'
    value: string
    index: number
  }

  export interface ReceiptAttestationsViewFieldEvent {
    field: '$.attestations[].view'
    value: number
    index: number
  }

  export interface ReceiptAttestationsHeightFieldEvent {
    field: '$.attestations[].height'
    value: number
    index: number
  }

  export interface ReceiptAttestationsBlockHashFieldEvent {
    field: '$.attestations[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface ReceiptAttestationsReplicaFieldEvent {
    field: '$.attestations[].replica'
    value: number
    index: number
  }

  export interface ReceiptAttestationsSignatureFieldEvent {
    field: '$.attestations[].signature'
    value: Uint8Array
    index: number
  }

  export function encode (obj: Partial<Receipt>): Uint8Array {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptTxChainIdFieldEvent | ReceiptTxClientFieldEvent | ReceiptTxNonceFieldEvent | ReceiptTxPayloadFieldEvent | ReceiptTxSignatureFieldEvent | ReceiptHeaderChainIdFieldEvent | ReceiptHeaderHeightFieldEvent | ReceiptHeaderViewFieldEvent | ReceiptHeaderPrevHashFieldEvent | ReceiptHeaderTxRootFieldEvent | ReceiptHeaderStateRootFieldEvent | ReceiptHeaderResultsRootFieldEvent | ReceiptHeaderTimestampMsFieldEvent | ReceiptHeaderProposerFieldEvent | ReceiptHeaderEvidenceRootFieldEvent | ReceiptHeaderTxCountFieldEvent | ReceiptHeaderEvidenceCountFieldEvent | ReceiptProofIndexFieldEvent | ReceiptProofResultCodeFieldEvent | ReceiptProofResultLogFieldEvent | ReceiptProofTxSiblingsFieldEvent | ReceiptProofResultSiblingsFieldEvent | ReceiptAttestationsChainIdFieldEvent | ReceiptAttestationsViewFieldEvent | ReceiptAttestationsHeightFieldEvent | ReceiptAttestationsBlockHashFieldEvent | ReceiptAttestationsReplicaFieldEvent | ReceiptAttestationsSignatureFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface ClientFrame {
  request?: Transaction
  error?: string
  retryAfterMs?: number
  txReply?: TxReply
}

export namespace ClientFrame {
  let _codec: Codec<ClientFrame>

  export const codec = (): Codec<ClientFrame> => {
    if (_codec == null) {
      _codec = message<ClientFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.request != null) {
          w.uint32(10)
          Transaction.codec().encode(obj.request, w)
        }

        if (obj.error != null) {
          w.uint32(26)
          w.string(obj.error)
        }

        if (obj.retryAfterMs != null) {
          w.uint32(32)
          w.uint32(obj.retryAfterMs)
        }

        if (obj.txReply != null) {
          w.uint32(42)
          TxReply.codec().encode(obj.txReply, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.request = Transaction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 3: {
              obj.error = reader.string()
              break
            }
            case 4: {
              obj.retryAfterMs = reader.uint32()
              break
            }
            case 5: {
              obj.txReply = TxReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.txReply
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Transaction.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 3: {
              yield {
                field: `${prefix}.error`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.retryAfterMs`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield * TxReply.codec().stream(reader, reader.uint32(), `${prefix}.txReply`, {
                limits: opts.limits?.txReply
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ClientFrameRequestChainIdFieldEvent {
    field: '$.request.chainId'
    value: string
  }

  export interface ClientFrameRequestClientFieldEvent {
    field: '$.request.client'
    value: Uint8Array
  }

  export interface ClientFrameRequestNonceFieldEvent {
    field: '$.request.nonce'
    value: number
  }

  export interface ClientFrameRequestPayloadFieldEvent {
    field: '$.request.payload'
    value: Uint8Array
  }

  export interface ClientFrameRequestSignatureFieldEvent {
    field: '$.request.signature'
    value: Uint8Array
  }

  export interface ClientFrameErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export interface ClientFrameRetryAfterMsFieldEvent {
    field: '$.retryAfterMs'
    value: number
  }

  export interface ClientFrameTxReplyTxIdFieldEvent {
    field: '$.txReply.txId'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyAttestationChainIdFieldEvent {
    field: '$.txReply.attestation.chainId'
    value: string
  }

  export interface ClientFrameTxReplyAttestationViewFieldEvent {
    field: '$.txReply.attestation.view'
    value: number
  }

  export interface ClientFrameTxReplyAttestationHeightFieldEvent {
    field: '$.txReply.attestation.height'
    value: number
  }

  export interface ClientFrameTxReplyAttestationBlockHashFieldEvent {
    field: '$.txReply.attestation.blockHash'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyAttestationReplicaFieldEvent {
    field: '$.txReply.attestation.replica'
    value: number
  }

  export interface ClientFrameTxReplyAttestationSignatureFieldEvent {
    field: '$.txReply.attestation.signature'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyHeaderChainIdFieldEvent {
    field: '$.txReply.header.chainId'
    value: string
  }

  export interface ClientFrameTxReplyHeaderHeightFieldEvent {
    field: '$.txReply.header.height'
    value: number
  }

  export interface ClientFrameTxReplyHeaderViewFieldEvent {
    field: '$.txReply.header.view'
    value: number
  }

  export interface ClientFrameTxReplyHeaderPrevHashFieldEvent {
    field: '$.txReply.header.prevHash'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyHeaderTxRootFieldEvent {
    field: '$.txReply.header.txRoot'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyHeaderStateRootFieldEvent {
    field: '$.txReply.header.stateRoot'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyHeaderResultsRootFieldEvent {
    field: '$.txReply.header.resultsRoot'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyHeaderTimestampMsFieldEvent {
    field: '$.txReply.header.timestampMs'
    value: number
  }

  export interface ClientFrameTxReplyHeaderProposerFieldEvent {
    field: '$.txReply.header.proposer'
    value: number
  }

  export interface ClientFrameTxReplyHeaderEvidenceRootFieldEvent {
    field: '$.txReply.header.evidenceRoot'
    value: Uint8Array
  }

  export interface ClientFrameTxReplyHeaderTxCountFieldEvent {
    field: '$.txReply.header.txCount'
    value: number
  }

  export interface ClientFrameTxReplyHeaderEvidenceCountFieldEvent {
    field: '$.txReply.header.evidenceCount'
    value: number
  }

  export interface ClientFrameTxReplyProofIndexFieldEvent {
    field: '$.txReply.proof.index'
    value: number
  }

  export interface ClientFrameTxReplyProofResultCodeFieldEvent {
    field: '$.txReply.proof.result.code'
    value: number
  }

  export interface ClientFrameTxReplyProofResultLogFieldEvent {
    field: '$.txReply.proof.result.log'
    value: string
  }

  export interface ClientFrameTxReplyProofTxSiblingsFieldEvent {
    field: '$.txReply.proof.txSiblings[]'
    index: number
    value: Uint8Array
  }

  export interface ClientFrameTxReplyProofResultSiblingsFieldEvent {
    field: '$.txReply.proof.resultSiblings[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<ClientFrame>): Uint8Array {
    return encodeMessage(obj, ClientFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClientFrame>): ClientFrame {
    return decodeMessage(buf, ClientFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClientFrame>): Generator<ClientFrameRequestChainIdFieldEvent | ClientFrameRequestClientFieldEvent | ClientFrameRequestNonceFieldEvent | ClientFrameRequestPayloadFieldEvent | ClientFrameRequestSignatureFieldEvent | ClientFrameErrorFieldEvent | ClientFrameRetryAfterMsFieldEvent | ClientFrameTxReplyTxIdFieldEvent | ClientFrameTxReplyAttestationChainIdFieldEvent | ClientFrameTxReplyAttestationViewFieldEvent | ClientFrameTxReplyAttestationHeightFieldEvent | ClientFrameTxReplyAttestationBlockHashFieldEvent | ClientFrameTxReplyAttestationReplicaFieldEvent | ClientFrameTxReplyAttestationSignatureFieldEvent | ClientFrameTxReplyHeaderChainIdFieldEvent | ClientFrameTxReplyHeaderHeightFieldEvent | ClientFrameTxReplyHeaderViewFieldEvent | ClientFrameTxReplyHeaderPrevHashFieldEvent | ClientFrameTxReplyHeaderTxRootFieldEvent | ClientFrameTxReplyHeaderStateRootFieldEvent | ClientFrameTxReplyHeaderResultsRootFieldEvent | ClientFrameTxReplyHeaderTimestampMsFieldEvent | ClientFrameTxReplyHeaderProposerFieldEvent | ClientFrameTxReplyHeaderEvidenceRootFieldEvent | ClientFrameTxReplyHeaderTxCountFieldEvent | ClientFrameTxReplyHeaderEvidenceCountFieldEvent | ClientFrameTxReplyProofIndexFieldEvent | ClientFrameTxReplyProofResultCodeFieldEvent | ClientFrameTxReplyProofResultLogFieldEvent | ClientFrameTxReplyProofTxSiblingsFieldEvent | ClientFrameTxReplyProofResultSiblingsFieldEvent> {
    return streamMessage(buf, ClientFrame.codec(), opts)
  }
}

export interface Proposal {
  chainId: string
  seq: number
  view: number
  timestampMs: number
  proposer: number
  txRoot: Uint8Array
  txCount: number
  evidenceRoot: Uint8Array
  evidenceCount: number
}

export namespace Proposal {
  let _codec: Codec<Proposal>

  export const codec = (): Codec<Proposal> => {
    if (_codec == null) {
      _codec = message<Proposal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.view)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.timestampMs)
        }

        if ((obj.proposer != null && obj.proposer !== 0)) {
          w.uint32(40)
          w.uint32(obj.proposer)
        }

        if ((obj.txRoot != null && obj.txRoot.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.txRoot)
        }

        if ((obj.txCount != null && obj.txCount !== 0)) {
          w.uint32(56)
          w.uint32(obj.txCount)
        }

        if ((obj.evidenceRoot != null && obj.evidenceRoot.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.evidenceRoot)
        }

        if ((obj.evidenceCount != null && obj.evidenceCount !== 0)) {
          w.uint32(72)
          w.uint32(obj.evidenceCount)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          seq: 0,
          view: 0,
          timestampMs: 0,
          proposer: 0,
          txRoot: uint8ArrayAlloc(0),
          txCount: 0,
          evidenceRoot: uint8ArrayAlloc(0),
          evidenceCount: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.view = reader.uint64Number()
              break
            }
            case 4: {
              obj.timestampMs = reader.uint64Number()
              break
            }
            case 5: {
              obj.proposer = reader.uint32()
              break
            }
            case 6: {
              obj.txRoot = reader.bytes()
              break
            }
            case 7: {
              obj.txCount = reader.uint32()
              break
            }
            case 8: {
              obj.evidenceRoot = reader.bytes()
              break
            }
            case 9: {
              obj.evidenceCount = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.timestampMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.proposer`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.txRoot`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.txCount`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.evidenceRoot`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.evidenceCount`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProposalChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface ProposalSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface ProposalViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface ProposalTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: number
  }

  export interface ProposalProposerFieldEvent {
    field: '$.proposer'
    value: number
  }

  export interface ProposalTxRootFieldEvent {
    field: '$.txRoot'
    value: Uint8Array
  }

  export interface ProposalTxCountFieldEvent {
    field: '$.txCount'
    value: number
  }

  export interface ProposalEvidenceRootFieldEvent {
    field: '$.evidenceRoot'
    value: Uint8Array
  }

  export interface ProposalEvidenceCountFieldEvent {
    field: '$.evidenceCount'
    value: number
  }

  export function encode (obj: Partial<Proposal>): Uint8Array {
    return encodeMessage(obj, Proposal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proposal>): Proposal {
    return decodeMessage(buf, Proposal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proposal>): Generator<ProposalChainIdFieldEvent | ProposalSeqFieldEvent | ProposalViewFieldEvent | ProposalTimestampMsFieldEvent | ProposalProposerFieldEvent | ProposalTxRootFieldEvent | ProposalTxCountFieldEvent | ProposalEvidenceRootFieldEvent | ProposalEvidenceCountFieldEvent> {
    return streamMessage(buf, Proposal.codec(), opts)
  }
}

export interface Batch {
  proposal?: Proposal
  txs: Transaction[]
  evidence: Evidence[]
}

export namespace Batch {
  let _codec: Codec<Batch>

  export const codec = (): Codec<Batch> => {
    if (_codec == null) {
      _codec = message<Batch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.proposal != null) {
          w.uint32(10)
          Proposal.codec().encode(obj.proposal, w)
        }

        if (obj.txs != null && obj.txs.length > 0) {
          for (const value of obj.txs) {
            w.uint32(18)
            Transaction.codec().encode(value, w)
          }
        }

        if (obj.evidence != null && obj.evidence.length > 0) {
          for (const value of obj.evidence) {
            w.uint32(26)
            Evidence.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          txs: [],
          evidence: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.proposal = Proposal.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proposal
              })
              break
            }
            case 2: {
              if (opts.limits?.txs != null && obj.txs.length === opts.limits.txs) {
                throw new MaxLengthError('Decode error - repeated field "txs" had too many elements')
              }

              obj.txs.push(Transaction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.txs$
              }))
              break
            }
            case 3: {
              if (opts.limits?.evidence != null && obj.evidence.length === opts.limits.evidence) {
                throw new MaxLengthError('Decode error - repeated field "evidence" had too many elements')
              }

              obj.evidence.push(Evidence.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.evidence$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          txs: 0,
          evidence: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Proposal.codec().stream(reader, reader.uint32(), `${prefix}.proposal`, {
                limits: opts.limits?.proposal
              })

              break
            }
            case 2: {
              if (opts.limits?.txs != null && obj.txs === opts.limits.txs) {
                throw new MaxLengthError('Streaming decode error - repeated field "txs" had too many elements')
              }

              for (const evt of Transaction.codec().stream(reader, reader.uint32(), `${prefix}.txs[]`, {
                limits: opts.limits?.txs$
              })) {
                yield {
                  ...evt,
                  index: obj.txs
                }
              }

              obj.txs++

              break
            }
            case 3: {
              if (opts.limits?.evidence != null && obj.evidence === opts.limits.evidence) {
                throw new MaxLengthError('Streaming decode error - repeated field "evidence" had too many elements')
              }

              for (const evt of Evidence.codec().stream(reader, reader.uint32(), `${prefix}.evidence[]`, {
                limits: opts.limits?.evidence$
              })) {
                yield {
                  ...evt,
                  index: obj.evidence
                }
              }

              obj.evidence++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface BatchProposalChainIdFieldEvent {
    field: '$.proposal.chainId'
    value: string
  }

  export interface BatchProposalSeqFieldEvent {
    field: '$.proposal.seq'
    value: number
  }

  export interface BatchProposalViewFieldEvent {
    field: '$.proposal.view'
    value: number
  }

  export interface BatchProposalTimestampMsFieldEvent {
    field: '$.proposal.timestampMs'
    value: number
  }

  export interface BatchProposalProposerFieldEvent {
    field: '$.proposal.proposer'
    value: number
  }

  export interface BatchProposalTxRootFieldEvent {
    field: '$.proposal.txRoot'
    value: Uint8Array
  }

  export interface BatchProposalTxCountFieldEvent {
    field: '$.proposal.txCount'
    value: number
  }

  export interface BatchProposalEvidenceRootFieldEvent {
    field: '$.proposal.evidenceRoot'
    value: Uint8Array
  }

  export interface BatchProposalEvidenceCountFieldEvent {
    field: '$.proposal.evidenceCount'
    value: number
  }

  export interface BatchTxsChainIdFieldEvent {
    field: '$.txs[].chainId'
    value: string
    index: number
  }

  export interface BatchTxsClientFieldEvent {
    field: '$.txs[].client'
    value: Uint8Array
    index: number
  }

  export interface BatchTxsNonceFieldEvent {
    field: '$.txs[].nonce'
    value: number
    index: number
  }

  export interface BatchTxsPayloadFieldEvent {
    field: '$.txs[].payload'
    value: Uint8Array
    index: number
  }

  export interface BatchTxsSignatureFieldEvent {
    field: '$.txs[].signature'
    value: Uint8Array
    index: number
  }

  export interface BatchEvidenceAccusedFieldEvent {
    field: '$.evidence[].accused'
    value: number
    index: number
  }

  export interface BatchEvidenceKindFieldEvent {
    field: '$.evidence[].kind'
    value: string
    index: number
  }

  export interface BatchEvidenceMessagesFieldEvent {
    field: '$.evidence[].messages[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<Batch>): Uint8Array {
    return encodeMessage(obj, Batch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Batch>): Batch {
    return decodeMessage(buf, Batch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Batch>): Generator<BatchProposalChainIdFieldEvent | BatchProposalSeqFieldEvent | BatchProposalViewFieldEvent | BatchProposalTimestampMsFieldEvent | BatchProposalProposerFieldEvent | BatchProposalTxRootFieldEvent | BatchProposalTxCountFieldEvent | BatchProposalEvidenceRootFieldEvent | BatchProposalEvidenceCountFieldEvent | BatchTxsChainIdFieldEvent | BatchTxsClientFieldEvent | BatchTxsNonceFieldEvent | BatchTxsPayloadFieldEvent | BatchTxsSignatureFieldEvent | BatchEvidenceAccusedFieldEvent | BatchEvidenceKindFieldEvent | BatchEvidenceMessagesFieldEvent> {
    return streamMessage(buf, Batch.codec(), opts)
  }
}

export interface PrePrepare {
  chainId: string
  view: number
  seq: number
  digest: Uint8Array
  replica: number
  signature: Uint8Array
}

export namespace PrePrepare {
  let _codec: Codec<PrePrepare>

  export const codec = (): Codec<PrePrepare> => {
    if (_codec == null) {
      _codec = message<PrePrepare>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.view)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.seq)
        }

        if ((obj.digest != null && obj.digest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.digest)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(40)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          view: 0,
          seq: 0,
          digest: uint8ArrayAlloc(0),
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.view = reader.uint64Number()
              break
            }
            case 3: {
              obj.seq = reader.uint64Number()
              break
            }
            case 4: {
              obj.digest = reader.bytes()
              break
            }
            case 5: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.digest`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PrePrepareChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface PrePrepareViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PrePrepareSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface PrePrepareDigestFieldEvent {
    field: '$.digest'
    value: Uint8Array
  }

  export interface PrePrepareReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface PrePrepareSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<PrePrepare>): Uint8Array {
    return encodeMessage(obj, PrePrepare.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrePrepare>): PrePrepare {
    return decodeMessage(buf, PrePrepare.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrePrepare>): Generator<PrePrepareChainIdFieldEvent | PrePrepareViewFieldEvent | PrePrepareSeqFieldEvent | PrePrepareDigestFieldEvent | PrePrepareReplicaFieldEvent | PrePrepareSignatureFieldEvent> {
    return streamMessage(buf, PrePrepare.codec(), opts)
  }
}

export interface Prepare {
  chainId: string
  view: number
  seq: number
  digest: Uint8Array
  replica: number
  signature: Uint8Array
}

export namespace Prepare {
  let _codec: Codec<Prepare>

  export const codec = (): Codec<Prepare> => {
    if (_codec == null) {
      _codec = message<Prepare>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.view)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.seq)
        }

        if ((obj.digest != null && obj.digest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.digest)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(40)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          view: 0,
          seq: 0,
          digest: uint8ArrayAlloc(0),
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.view = reader.uint64Number()
              break
            }
            case 3: {
              obj.seq = reader.uint64Number()
              break
            }
            case 4: {
              obj.digest = reader.bytes()
              break
            }
            case 5: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.digest`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PrepareChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface PrepareViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PrepareSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface PrepareDigestFieldEvent {
    field: '$.digest'
    value: Uint8Array
  }

  export interface PrepareReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface PrepareSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<Prepare>): Uint8Array {
    return encodeMessage(obj, Prepare.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Prepare>): Prepare {
    return decodeMessage(buf, Prepare.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Prepare>): Generator<PrepareChainIdFieldEvent | PrepareViewFieldEvent | PrepareSeqFieldEvent | PrepareDigestFieldEvent | PrepareReplicaFieldEvent | PrepareSignatureFieldEvent> {
    return streamMessage(buf, Prepare.codec(), opts)
  }
}

export interface Commit {
  chainId: string
  view: number
  seq: number
  digest: Uint8Array
  replica: number
  signature: Uint8Array
}

export namespace Commit {
  let _codec: Codec<Commit>

  export const codec = (): Codec<Commit> => {
    if (_codec == null) {
      _codec = message<Commit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.view)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.seq)
        }

        if ((obj.digest != null && obj.digest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.digest)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(40)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          view: 0,
          seq: 0,
          digest: uint8ArrayAlloc(0),
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.view = reader.uint64Number()
              break
            }
            case 3: {
              obj.seq = reader.uint64Number()
              break
            }
            case 4: {
              obj.digest = reader.bytes()
              break
            }
            case 5: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.digest`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CommitChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface CommitViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface CommitSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface CommitDigestFieldEvent {
    field: '$.digest'
    value: Uint8Array
  }

  export interface CommitReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface CommitSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<Commit>): Uint8Array {
    return encodeMessage(obj, Commit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Commit>): Commit {
    return decodeMessage(buf, Commit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Commit>): Generator<CommitChainIdFieldEvent | CommitViewFieldEvent | CommitSeqFieldEvent | CommitDigestFieldEvent | CommitReplicaFieldEvent | CommitSignatureFieldEvent> {
    return streamMessage(buf, Commit.codec(), opts)
  }
}

export interface Checkpoint {
  chainId: string
  seq: number
  blockHash: Uint8Array
  replica: number
  signature: Uint8Array
}

export namespace Checkpoint {
  let _codec: Codec<Checkpoint>

  export const codec = (): Codec<Checkpoint> => {
    if (_codec == null) {
      _codec = message<Checkpoint>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.blockHash != null && obj.blockHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.blockHash)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(32)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          seq: 0,
          blockHash: uint8ArrayAlloc(0),
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.blockHash = reader.bytes()
              break
            }
            case 4: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.blockHash`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CheckpointChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface CheckpointSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface CheckpointBlockHashFieldEvent {
    field: '$.blockHash'
    value: Uint8Array
  }

  export interface CheckpointReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface CheckpointSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<Checkpoint>): Uint8Array {
    return encodeMessage(obj, Checkpoint.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Checkpoint>): Checkpoint {
    return decodeMessage(buf, Checkpoint.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Checkpoint>): Generator<CheckpointChainIdFieldEvent | CheckpointSeqFieldEvent | CheckpointBlockHashFieldEvent | CheckpointReplicaFieldEvent | CheckpointSignatureFieldEvent> {
    return streamMessage(buf, Checkpoint.codec(), opts)
  }
}

export interface PreparedCert {
  prePrepare?: PrePrepare
  prepares: Prepare[]
}

export namespace PreparedCert {
  let _codec: Codec<PreparedCert>

  export const codec = (): Codec<PreparedCert> => {
    if (_codec == null) {
      _codec = message<PreparedCert>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.prePrepare != null) {
          w.uint32(10)
          PrePrepare.codec().encode(obj.prePrepare, w)
        }

        if (obj.prepares != null && obj.prepares.length > 0) {
          for (const value of obj.prepares) {
            w.uint32(18)
            Prepare.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          prepares: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.prePrepare = PrePrepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prePrepare
              })
              break
            }
            case 2: {
              if (opts.limits?.prepares != null && obj.prepares.length === opts.limits.prepares) {
                throw new MaxLengthError('Decode error - repeated field "prepares" had too many elements')
              }

              obj.prepares.push(Prepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepares$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          prepares: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * PrePrepare.codec().stream(reader, reader.uint32(), `${prefix}.prePrepare`, {
                limits: opts.limits?.prePrepare
              })

              break
            }
            case 2: {
              if (opts.limits?.prepares != null && obj.prepares === opts.limits.prepares) {
                throw new MaxLengthError('Streaming decode error - repeated field "prepares" had too many elements')
              }

              for (const evt of Prepare.codec().stream(reader, reader.uint32(), `${prefix}.prepares[]`, {
                limits: opts.limits?.prepares$
              })) {
                yield {
                  ...evt,
                  index: obj.prepares
                }
              }

              obj.prepares++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PreparedCertPrePrepareChainIdFieldEvent {
    field: '$.prePrepare.chainId'
    value: string
  }

  export interface PreparedCertPrePrepareViewFieldEvent {
    field: '$.prePrepare.view'
    value: number
  }

  export interface PreparedCertPrePrepareSeqFieldEvent {
    field: '$.prePrepare.seq'
    value: number
  }

  export interface PreparedCertPrePrepareDigestFieldEvent {
    field: '$.prePrepare.digest'
    value: Uint8Array
  }

  export interface PreparedCertPrePrepareReplicaFieldEvent {
    field: '$.prePrepare.replica'
    value: number
  }

  export interface PreparedCertPrePrepareSignatureFieldEvent {
    field: '$.prePrepare.signature'
    value: Uint8Array
  }

  export interface PreparedCertPreparesChainIdFieldEvent {
    field: '$.prepares[].chainId'
    value: string
    index: number
  }

  export interface PreparedCertPreparesViewFieldEvent {
    field: '$.prepares[].view'
    value: number
    index: number
  }

  export interface PreparedCertPreparesSeqFieldEvent {
    field: '$.prepares[].seq'
    value: number
    index: number
  }

  export interface PreparedCertPreparesDigestFieldEvent {
    field: '$.prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface PreparedCertPreparesReplicaFieldEvent {
    field: '$.prepares[].replica'
    value: number
    index: number
  }

  export interface PreparedCertPreparesSignatureFieldEvent {
    field: '$.prepares[].signature'
    value: Uint8Array
    index: number
  }

  export function encode (obj: Partial<PreparedCert>): Uint8Array {
    return encodeMessage(obj, PreparedCert.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreparedCert>): PreparedCert {
    return decodeMessage(buf, PreparedCert.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreparedCert>): Generator<PreparedCertPrePrepareChainIdFieldEvent | PreparedCertPrePrepareViewFieldEvent | PreparedCertPrePrepareSeqFieldEvent | PreparedCertPrePrepareDigestFieldEvent | PreparedCertPrePrepareReplicaFieldEvent | PreparedCertPrePrepareSignatureFieldEvent | PreparedCertPreparesChainIdFieldEvent | PreparedCertPreparesViewFieldEvent | PreparedCertPreparesSeqFieldEvent | PreparedCertPreparesDigestFieldEvent | PreparedCertPreparesReplicaFieldEvent | PreparedCertPreparesSignatureFieldEvent> {
    return streamMessage(buf, PreparedCert.codec(), opts)
  }
}

export interface ViewChange {
  chainId: string
  newView: number
  stableSeq: number
  checkpointProof: Checkpoint[]
  prepared: PreparedCert[]
  replica: number
  signature: Uint8Array
}

export namespace ViewChange {
  let _codec: Codec<ViewChange>

  export const codec = (): Codec<ViewChange> => {
    if (_codec == null) {
      _codec = message<ViewChange>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.newView != null && obj.newView !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.newView)
        }

        if ((obj.stableSeq != null && obj.stableSeq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.stableSeq)
        }

        if (obj.checkpointProof != null && obj.checkpointProof.length > 0) {
          for (const value of obj.checkpointProof) {
            w.uint32(34)
            Checkpoint.codec().encode(value, w)
          }
        }

        if (obj.prepared != null && obj.prepared.length > 0) {
          for (const value of obj.prepared) {
            w.uint32(42)
            PreparedCert.codec().encode(value, w)
          }
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(48)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          newView: 0,
          stableSeq: 0,
          checkpointProof: [],
          prepared: [],
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.newView = reader.uint64Number()
              break
            }
            case 3: {
              obj.stableSeq = reader.uint64Number()
              break
            }
            case 4: {
              if (opts.limits?.checkpointProof != null && obj.checkpointProof.length === opts.limits.checkpointProof) {
                throw new MaxLengthError('Decode error - repeated field "checkpointProof" had too many elements')
              }

              obj.checkpointProof.push(Checkpoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpointProof$
              }))
              break
            }
            case 5: {
              if (opts.limits?.prepared != null && obj.prepared.length === opts.limits.prepared) {
                throw new MaxLengthError('Decode error - repeated field "prepared" had too many elements')
              }

              obj.prepared.push(PreparedCert.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepared$
              }))
              break
            }
            case 6: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          checkpointProof: 0,
          prepared: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.newView`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.stableSeq`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              if (opts.limits?.checkpointProof != null && obj.checkpointProof === opts.limits.checkpointProof) {
                throw new MaxLengthError('Streaming decode error - repeated field "checkpointProof" had too many elements')
              }

              for (const evt of Checkpoint.codec().stream(reader, reader.uint32(), `${prefix}.checkpointProof[]`, {
                limits: opts.limits?.checkpointProof$
              })) {
                yield {
                  ...evt,
                  index: obj.checkpointProof
                }
              }

              obj.checkpointProof++

              break
            }
            case 5: {
              if (opts.limits?.prepared != null && obj.prepared === opts.limits.prepared) {
                throw new MaxLengthError('Streaming decode error - repeated field "prepared" had too many elements')
              }

              for (const evt of PreparedCert.codec().stream(reader, reader.uint32(), `${prefix}.prepared[]`, {
                limits: opts.limits?.prepared$
              })) {
                yield {
                  ...evt,
                  index: obj.prepared
                }
              }

              obj.prepared++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ViewChangeChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface ViewChangeNewViewFieldEvent {
    field: '$.newView'
    value: number
  }

  export interface ViewChangeStableSeqFieldEvent {
    field: '$.stableSeq'
    value: number
  }

  export interface ViewChangeCheckpointProofChainIdFieldEvent {
    field: '$.checkpointProof[].chainId'
    value: string
    index: number
  }

  export interface ViewChangeCheckpointProofSeqFieldEvent {
    field: '$.checkpointProof[].seq'
    value: number
    index: number
  }

  export interface ViewChangeCheckpointProofBlockHashFieldEvent {
    field: '$.checkpointProof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface ViewChangeCheckpointProofReplicaFieldEvent {
    field: '$.checkpointProof[].replica'
    value: number
    index: number
  }

  export interface ViewChangeCheckpointProofSignatureFieldEvent {
    field: '$.checkpointProof[].signature'
    value: Uint8Array
    index: number
  }

  export interface ViewChangePreparedPrePrepareChainIdFieldEvent {
    field: '$.prepared[].prePrepare.chainId'
    value: string
    index: number
  }

  export interface ViewChangePreparedPrePrepareViewFieldEvent {
    field: '$.prepared[].prePrepare.view'
    value: number
    index: number
  }

  export interface ViewChangePreparedPrePrepareSeqFieldEvent {
    field: '$.prepared[].prePrepare.seq'
    value: number
    index: number
  }

  export interface ViewChangePreparedPrePrepareDigestFieldEvent {
    field: '$.prepared[].prePrepare.digest'
    value: Uint8Array
    index: number
  }

  export interface ViewChangePreparedPrePrepareReplicaFieldEvent {
    field: '$.prepared[].prePrepare.replica'
    value: number
    index: number
  }

  export interface ViewChangePreparedPrePrepareSignatureFieldEvent {
    field: '$.prepared[].prePrepare.signature'
    value: Uint8Array
    index: number
  }

  export interface ViewChangePreparedPreparesChainIdFieldEvent {
    field: '$.prepared[].prepares[].chainId'
    value: string
    index: number
  }

  export interface ViewChangePreparedPreparesViewFieldEvent {
    field: '$.prepared[].prepares[].view'
    value: number
    index: number
  }

  export interface ViewChangePreparedPreparesSeqFieldEvent {
    field: '$.prepared[].prepares[].seq'
    value: number
    index: number
  }

  export interface ViewChangePreparedPreparesDigestFieldEvent {
    field: '$.prepared[].prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface ViewChangePreparedPreparesReplicaFieldEvent {
    field: '$.prepared[].prepares[].replica'
    value: number
    index: number
  }

  export interface ViewChangePreparedPreparesSignatureFieldEvent {
    field: '$.prepared[].prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface ViewChangeReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface ViewChangeSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<ViewChange>): Uint8Array {
    return encodeMessage(obj, ViewChange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ViewChange>): ViewChange {
    return decodeMessage(buf, ViewChange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ViewChange>): Generator<ViewChangeChainIdFieldEvent | ViewChangeNewViewFieldEvent | ViewChangeStableSeqFieldEvent | ViewChangeCheckpointProofChainIdFieldEvent | ViewChangeCheckpointProofSeqFieldEvent | ViewChangeCheckpointProofBlockHashFieldEvent | ViewChangeCheckpointProofReplicaFieldEvent | ViewChangeCheckpointProofSignatureFieldEvent | ViewChangePreparedPrePrepareChainIdFieldEvent | ViewChangePreparedPrePrepareViewFieldEvent | ViewChangePreparedPrePrepareSeqFieldEvent | ViewChangePreparedPrePrepareDigestFieldEvent | ViewChangePreparedPrePrepareReplicaFieldEvent | ViewChangePreparedPrePrepareSignatureFieldEvent | ViewChangePreparedPreparesChainIdFieldEvent | ViewChangePreparedPreparesViewFieldEvent | ViewChangePreparedPreparesSeqFieldEvent | ViewChangePreparedPreparesDigestFieldEvent | ViewChangePreparedPreparesReplicaFieldEvent | ViewChangePreparedPreparesSignatureFieldEvent | ViewChangeReplicaFieldEvent | ViewChangeSignatureFieldEvent> {
    return streamMessage(buf, ViewChange.codec(), opts)
  }
}

export interface NewView {
  chainId: string
  view: number
  viewChanges: ViewChange[]
  prePrepares: PrePrepare[]
  replica: number
  signature: Uint8Array
}

export namespace NewView {
  let _codec: Codec<NewView>

  export const codec = (): Codec<NewView> => {
    if (_codec == null) {
      _codec = message<NewView>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.view)
        }

        if (obj.viewChanges != null && obj.viewChanges.length > 0) {
          for (const value of obj.viewChanges) {
            w.uint32(26)
            ViewChange.codec().encode(value, w)
          }
        }

        if (obj.prePrepares != null && obj.prePrepares.length > 0) {
          for (const value of obj.prePrepares) {
            w.uint32(34)
            PrePrepare.codec().encode(value, w)
          }
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(40)
          w.uint32(obj.replica)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          view: 0,
          viewChanges: [],
          prePrepares: [],
          replica: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.view = reader.uint64Number()
              break
            }
            case 3: {
              if (opts.limits?.viewChanges != null && obj.viewChanges.length === opts.limits.viewChanges) {
                throw new MaxLengthError('Decode error - repeated field "viewChanges" had too many elements')
              }

              obj.viewChanges.push(ViewChange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.viewChanges$
              }))
              break
            }
            case 4: {
              if (opts.limits?.prePrepares != null && obj.prePrepares.length === opts.limits.prePrepares) {
                throw new MaxLengthError('Decode error - repeated field "prePrepares" had too many elements')
              }

              obj.prePrepares.push(PrePrepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prePrepares$
              }))
              break
            }
            case 5: {
              obj.replica = reader.uint32()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          viewChanges: 0,
          prePrepares: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              if (opts.limits?.viewChanges != null && obj.viewChanges === opts.limits.viewChanges) {
                throw new MaxLengthError('Streaming decode error - repeated field "viewChanges" had too many elements')
              }

              for (const evt of ViewChange.codec().stream(reader, reader.uint32(), `${prefix}.viewChanges[]`, {
                limits: opts.limits?.viewChanges$
              })) {
                yield {
                  ...evt,
                  index: obj.viewChanges
                }
              }

              obj.viewChanges++

              break
            }
            case 4: {
              if (opts.limits?.prePrepares != null && obj.prePrepares === opts.limits.prePrepares) {
                throw new MaxLengthError('Streaming decode error - repeated field "prePrepares" had too many elements')
              }

              for (const evt of PrePrepare.codec().stream(reader, reader.uint32(), `${prefix}.prePrepares[]`, {
                limits: opts.limits?.prePrepares$
              })) {
                yield {
                  ...evt,
                  index: obj.prePrepares
                }
              }

              obj.prePrepares++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface NewViewChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface NewViewViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface NewViewViewChangesChainIdFieldEvent {
    field: '$.viewChanges[].chainId'
    value: string
    index: number
  }

  export interface NewViewViewChangesNewViewFieldEvent {
    field: '$.viewChanges[].newView'
    value: number
    index: number
  }

  export interface NewViewViewChangesStableSeqFieldEvent {
    field: '$.viewChanges[].stableSeq'
    value: number
    index: number
  }

  export interface NewViewViewChangesCheckpointProofChainIdFieldEvent {
    field: '$.viewChanges[].checkpointProof[].chainId'
    value: string
    index: number
  }

  export interface NewViewViewChangesCheckpointProofSeqFieldEvent {
    field: '$.viewChanges[].checkpointProof[].seq'
    value: number
    index: number
  }

  export interface NewViewViewChangesCheckpointProofBlockHashFieldEvent {
    field: '$.viewChanges[].checkpointProof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface NewViewViewChangesCheckpointProofReplicaFieldEvent {
    field: '$.viewChanges[].checkpointProof[].replica'
    value: number
    index: number
  }

  export interface NewViewViewChangesCheckpointProofSignatureFieldEvent {
    field: '$.viewChanges[].checkpointProof[].signature'
    value: Uint8Array
    index: number
  }

  export interface NewViewViewChangesPreparedPrePrepareChainIdFieldEvent {
    field: '$.viewChanges[].prepared[].prePrepare.chainId'
    value: string
    index: number
  }

  export interface NewViewViewChangesPreparedPrePrepareViewFieldEvent {
    field: '$.viewChanges[].prepared[].prePrepare.view'
    value: number
    index: number
  }

  export interface NewViewViewChangesPreparedPrePrepareSeqFieldEvent {
    field: '$.viewChanges[].prepared[].prePrepare.seq'
    value: number
    index: number
  }

  export interface NewViewViewChangesPreparedPrePrepareDigestFieldEvent {
    field: '$.viewChanges[].prepared[].prePrepare.digest'
    value: Uint8Array
    index: number
  }

  export interface NewViewViewChangesPreparedPrePrepareReplicaFieldEvent {
    field: '$.viewChanges[].prepared[].prePrepare.replica'
    value: number
    index: number
  }

  export interface NewViewViewChangesPreparedPrePrepareSignatureFieldEvent {
    field: '$.viewChanges[].prepared[].prePrepare.signature'
    value: Uint8Array
    index: number
  }

  export interface NewViewViewChangesPreparedPreparesChainIdFieldEvent {
    field: '$.viewChanges[].prepared[].prepares[].chainId'
    value: string
    index: number
  }

  export interface NewViewViewChangesPreparedPreparesViewFieldEvent {
    field: '$.viewChanges[].prepared[].prepares[].view'
    value: number
    index: number
  }

  export interface NewViewViewChangesPreparedPreparesSeqFieldEvent {
    field: '$.viewChanges[].prepared[].prepares[].seq'
    value: number
    index: number
  }

  export interface NewViewViewChangesPreparedPreparesDigestFieldEvent {
    field: '$.viewChanges[].prepared[].prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface NewViewViewChangesPreparedPreparesReplicaFieldEvent {
    field: '$.viewChanges[].prepared[].prepares[].replica'
    value: number
    index: number
  }

  export interface NewViewViewChangesPreparedPreparesSignatureFieldEvent {
    field: '$.viewChanges[].prepared[].prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface NewViewViewChangesReplicaFieldEvent {
    field: '$.viewChanges[].replica'
    value: number
    index: number
  }

  export interface NewViewViewChangesSignatureFieldEvent {
    field: '$.viewChanges[].signature'
    value: Uint8Array
    index: number
  }

  export interface NewViewPrePreparesChainIdFieldEvent {
    field: '$.prePrepares[].chainId'
    value: string
    index: number
  }

  export interface NewViewPrePreparesViewFieldEvent {
    field: '$.prePrepares[].view'
    value: number
    index: number
  }

  export interface NewViewPrePreparesSeqFieldEvent {
    field: '$.prePrepares[].seq'
    value: number
    index: number
  }

  export interface NewViewPrePreparesDigestFieldEvent {
    field: '$.prePrepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface NewViewPrePreparesReplicaFieldEvent {
    field: '$.prePrepares[].replica'
    value: number
    index: number
  }

  export interface NewViewPrePreparesSignatureFieldEvent {
    field: '$.prePrepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface NewViewReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface NewViewSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<NewView>): Uint8Array {
    return encodeMessage(obj, NewView.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NewView>): NewView {
    return decodeMessage(buf, NewView.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NewView>): Generator<NewViewChainIdFieldEvent | NewViewViewFieldEvent | NewViewViewChangesChainIdFieldEvent | NewViewViewChangesNewViewFieldEvent | NewViewViewChangesStableSeqFieldEvent | NewViewViewChangesCheckpointProofChainIdFieldEvent | NewViewViewChangesCheckpointProofSeqFieldEvent | NewViewViewChangesCheckpointProofBlockHashFieldEvent | NewViewViewChangesCheckpointProofReplicaFieldEvent | NewViewViewChangesCheckpointProofSignatureFieldEvent | NewViewViewChangesPreparedPrePrepareChainIdFieldEvent | NewViewViewChangesPreparedPrePrepareViewFieldEvent | NewViewViewChangesPreparedPrePrepareSeqFieldEvent | NewViewViewChangesPreparedPrePrepareDigestFieldEvent | NewViewViewChangesPreparedPrePrepareReplicaFieldEvent | NewViewViewChangesPreparedPrePrepareSignatureFieldEvent | NewViewViewChangesPreparedPreparesChainIdFieldEvent | NewViewViewChangesPreparedPreparesViewFieldEvent | NewViewViewChangesPreparedPreparesSeqFieldEvent | NewViewViewChangesPreparedPreparesDigestFieldEvent | NewViewViewChangesPreparedPreparesReplicaFieldEvent | NewViewViewChangesPreparedPreparesSignatureFieldEvent | NewViewViewChangesReplicaFieldEvent | NewViewViewChangesSignatureFieldEvent | NewViewPrePreparesChainIdFieldEvent | NewViewPrePreparesViewFieldEvent | NewViewPrePreparesSeqFieldEvent | NewViewPrePreparesDigestFieldEvent | NewViewPrePreparesReplicaFieldEvent | NewViewPrePreparesSignatureFieldEvent | NewViewReplicaFieldEvent | NewViewSignatureFieldEvent> {
    return streamMessage(buf, NewView.codec(), opts)
  }
}

export interface StateRequest {
  chainId: string
  fromHeight: number
  toHeight: number
  replica: number
}

export namespace StateRequest {
  let _codec: Codec<StateRequest>

  export const codec = (): Codec<StateRequest> => {
    if (_codec == null) {
      _codec = message<StateRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.fromHeight != null && obj.fromHeight !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.fromHeight)
        }

        if ((obj.toHeight != null && obj.toHeight !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.toHeight)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(32)
          w.uint32(obj.replica)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          fromHeight: 0,
          toHeight: 0,
          replica: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.fromHeight = reader.uint64Number()
              break
            }
            case 3: {
              obj.toHeight = reader.uint64Number()
              break
            }
            case 4: {
              obj.replica = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.fromHeight`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.toHeight`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface StateRequestChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface StateRequestFromHeightFieldEvent {
    field: '$.fromHeight'
    value: number
  }

  export interface StateRequestToHeightFieldEvent {
    field: '$.toHeight'
    value: number
  }

  export interface StateRequestReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export function encode (obj: Partial<StateRequest>): Uint8Array {
    return encodeMessage(obj, StateRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StateRequest>): StateRequest {
    return decodeMessage(buf, StateRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StateRequest>): Generator<StateRequestChainIdFieldEvent | StateRequestFromHeightFieldEvent | StateRequestToHeightFieldEvent | StateRequestReplicaFieldEvent> {
    return streamMessage(buf, StateRequest.codec(), opts)
  }
}

export interface StateResponse {
  chainId: string
  blocks: Block[]
  replica: number
  headHeight: number
  prunedBelow: number
}

export namespace StateResponse {
  let _codec: Codec<StateResponse>

  export const codec = (): Codec<StateResponse> => {
    if (_codec == null) {
      _codec = message<StateResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if (obj.blocks != null && obj.blocks.length > 0) {
          for (const value of obj.blocks) {
            w.uint32(18)
            Block.codec().encode(value, w)
          }
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(24)
          w.uint32(obj.replica)
        }

        if ((obj.headHeight != null && obj.headHeight !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.headHeight)
        }

        if ((obj.prunedBelow != null && obj.prunedBelow !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.prunedBelow)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          blocks: [],
          replica: 0,
          headHeight: 0,
          prunedBelow: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.blocks != null && obj.blocks.length === opts.limits.blocks) {
                throw new MaxLengthError('Decode error - repeated field "blocks" had too many elements')
              }

              obj.blocks.push(Block.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.blocks$
              }))
              break
            }
            case 3: {
              obj.replica = reader.uint32()
              break
            }
            case 4: {
              obj.headHeight = reader.uint64Number()
              break
            }
            case 5: {
              obj.prunedBelow = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          blocks: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.blocks != null && obj.blocks === opts.limits.blocks) {
                throw new MaxLengthError('Streaming decode error - repeated field "blocks" had too many elements')
              }

              for (const evt of Block.codec().stream(reader, reader.uint32(), `${prefix}.blocks[]`, {
                limits: opts.limits?.blocks$
              })) {
                yield {
                  ...evt,
                  index: obj.blocks
                }
              }

              obj.blocks++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.headHeight`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.prunedBelow`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface StateResponseChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface StateResponseBlocksHeaderChainIdFieldEvent {
    field: '$.blocks[].header.chainId'
    value: string
    index: number
  }

  export interface StateResponseBlocksHeaderHeightFieldEvent {
    field: '$.blocks[].header.height'
    value: number
    index: number
  }

  export interface StateResponseBlocksHeaderViewFieldEvent {
    field: '$.blocks[].header.view'
    value: number
    index: number
  }

  export interface StateResponseBlocksHeaderPrevHashFieldEvent {
    field: '$.blocks[].header.prevHash'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksHeaderTxRootFieldEvent {
    field: '$.blocks[].header.txRoot'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksHeaderStateRootFieldEvent {
    field: '$.blocks[].header.stateRoot'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksHeaderResultsRootFieldEvent {
    field: '$.blocks[].header.resultsRoot'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksHeaderTimestampMsFieldEvent {
    field: '$.blocks[].header.timestampMs'
    value: number
    index: number
  }

  export interface StateResponseBlocksHeaderProposerFieldEvent {
    field: '$.blocks[].header.proposer'
    value: number
    index: number
  }

  export interface StateResponseBlocksHeaderEvidenceRootFieldEvent {
    field: '$.blocks[].header.evidenceRoot'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksHeaderTxCountFieldEvent {
    field: '$.blocks[].header.txCount'
    value: number
    index: number
  }

  export interface StateResponseBlocksHeaderEvidenceCountFieldEvent {
    field: '$.blocks[].header.evidenceCount'
    value: number
    index: number
  }

  export interface StateResponseBlocksTxsChainIdFieldEvent {
    field: '$.blocks[].txs[].chainId'
    value: string
    index: number
  }

  export interface StateResponseBlocksTxsClientFieldEvent {
    field: '$.blocks[].txs[].client'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksTxsNonceFieldEvent {
    field: '$.blocks[].txs[].nonce'
    value: number
    index: number
  }

  export interface StateResponseBlocksTxsPayloadFieldEvent {
    field: '$.blocks[].txs[].payload'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksTxsSignatureFieldEvent {
    field: '$.blocks[].txs[].signature'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksResultsCodeFieldEvent {
    field: '$.blocks[].results[].code'
    value: number
    index: number
  }

  export interface StateResponseBlocksResultsLogFieldEvent {
    field: '$.blocks[].results[].log'
    value: string
    index: number
  }

  export interface StateResponseBlocksCertCommitsChainIdFieldEvent {
    field: '$.blocks[].cert.commits[].chainId'
    value: string
    index: number
  }

  export interface StateResponseBlocksCertCommitsViewFieldEvent {
    field: '$.blocks[].cert.commits[].view'
    value: number
    index: number
  }

  export interface StateResponseBlocksCertCommitsSeqFieldEvent {
    field: '$.blocks[].cert.commits[].seq'
    value: number
    index: number
  }

  export interface StateResponseBlocksCertCommitsDigestFieldEvent {
    field: '$.blocks[].cert.commits[].digest'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksCertCommitsReplicaFieldEvent {
    field: '$.blocks[].cert.commits[].replica'
    value: number
    index: number
  }

  export interface StateResponseBlocksCertCommitsSignatureFieldEvent {
    field: '$.blocks[].cert.commits[].signature'
    value: Uint8Array
    index: number
  }

  export interface StateResponseBlocksEvidenceAccusedFieldEvent {
    field: '$.blocks[].evidence[].accused'
    value: number
    index: number
  }

  export interface StateResponseBlocksEvidenceKindFieldEvent {
    field: '$.blocks[].evidence[].kind'
    value: string
    index: number
  }

  export interface StateResponseBlocksEvidenceMessagesFieldEvent {
    field: '$.blocks[].evidence[].messages[]'
    index: number
    value: Uint8Array
  }

  export interface StateResponseReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface StateResponseHeadHeightFieldEvent {
    field: '$.headHeight'
    value: number
  }

  export interface StateResponsePrunedBelowFieldEvent {
    field: '$.prunedBelow'
    value: number
  }

  export function encode (obj: Partial<StateResponse>): Uint8Array {
    return encodeMessage(obj, StateResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StateResponse>): StateResponse {
    return decodeMessage(buf, StateResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StateResponse>): Generator<StateResponseChainIdFieldEvent | StateResponseBlocksHeaderChainIdFieldEvent | StateResponseBlocksHeaderHeightFieldEvent | StateResponseBlocksHeaderViewFieldEvent | StateResponseBlocksHeaderPrevHashFieldEvent | StateResponseBlocksHeaderTxRootFieldEvent | StateResponseBlocksHeaderStateRootFieldEvent | StateResponseBlocksHeaderResultsRootFieldEvent | StateResponseBlocksHeaderTimestampMsFieldEvent | StateResponseBlocksHeaderProposerFieldEvent | StateResponseBlocksHeaderEvidenceRootFieldEvent | StateResponseBlocksHeaderTxCountFieldEvent | StateResponseBlocksHeaderEvidenceCountFieldEvent | StateResponseBlocksTxsChainIdFieldEvent | StateResponseBlocksTxsClientFieldEvent | StateResponseBlocksTxsNonceFieldEvent | StateResponseBlocksTxsPayloadFieldEvent | StateResponseBlocksTxsSignatureFieldEvent | StateResponseBlocksResultsCodeFieldEvent | StateResponseBlocksResultsLogFieldEvent | StateResponseBlocksCertCommitsChainIdFieldEvent | StateResponseBlocksCertCommitsViewFieldEvent | StateResponseBlocksCertCommitsSeqFieldEvent | StateResponseBlocksCertCommitsDigestFieldEvent | StateResponseBlocksCertCommitsReplicaFieldEvent | StateResponseBlocksCertCommitsSignatureFieldEvent | StateResponseBlocksEvidenceAccusedFieldEvent | StateResponseBlocksEvidenceKindFieldEvent | StateResponseBlocksEvidenceMessagesFieldEvent | StateResponseReplicaFieldEvent | StateResponseHeadHeightFieldEvent | StateResponsePrunedBelowFieldEvent> {
    return streamMessage(buf, StateResponse.codec(), opts)
  }
}

export interface BlockHeader {
  chainId: string
  height: number
  view: number
  prevHash: Uint8Array
  txRoot: Uint8Array
  stateRoot: Uint8Array
  resultsRoot: Uint8Array
  timestampMs: number
  proposer: number
  evidenceRoot: Uint8Array
  txCount: number
  evidenceCount: number
}

export namespace BlockHeader {
  let _codec: Codec<BlockHeader>

  export const codec = (): Codec<BlockHeader> => {
    if (_codec == null) {
      _codec = message<BlockHeader>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.height)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.view)
        }

        if ((obj.prevHash != null && obj.prevHash.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.prevHash)
        }

        if ((obj.txRoot != null && obj.txRoot.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.txRoot)
        }

        if ((obj.stateRoot != null && obj.stateRoot.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.stateRoot)
        }

        if ((obj.resultsRoot != null && obj.resultsRoot.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.resultsRoot)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.timestampMs)
        }

        if ((obj.proposer != null && obj.proposer !== 0)) {
          w.uint32(72)
          w.uint32(obj.proposer)
        }

        if ((obj.evidenceRoot != null && obj.evidenceRoot.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.evidenceRoot)
        }

        if ((obj.txCount != null && obj.txCount !== 0)) {
          w.uint32(88)
          w.uint32(obj.txCount)
        }

        if ((obj.evidenceCount != null && obj.evidenceCount !== 0)) {
          w.uint32(96)
          w.uint32(obj.evidenceCount)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          height: 0,
          view: 0,
          prevHash: uint8ArrayAlloc(0),
          txRoot: uint8ArrayAlloc(0),
          stateRoot: uint8ArrayAlloc(0),
          resultsRoot: uint8ArrayAlloc(0),
          timestampMs: 0,
          proposer: 0,
          evidenceRoot: uint8ArrayAlloc(0),
          txCount: 0,
          evidenceCount: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.height = reader.uint64Number()
              break
            }
            case 3: {
              obj.view = reader.uint64Number()
              break
            }
            case 4: {
              obj.prevHash = reader.bytes()
              break
            }
            case 5: {
              obj.txRoot = reader.bytes()
              break
            }
            case 6: {
              obj.stateRoot = reader.bytes()
              break
            }
            case 7: {
              obj.resultsRoot = reader.bytes()
              break
            }
            case 8: {
              obj.timestampMs = reader.uint64Number()
              break
            }
            case 9: {
              obj.proposer = reader.uint32()
              break
            }
            case 10: {
              obj.evidenceRoot = reader.bytes()
              break
            }
            case 11: {
              obj.txCount = reader.uint32()
              break
            }
            case 12: {
              obj.evidenceCount = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.prevHash`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.txRoot`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.stateRoot`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.resultsRoot`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.timestampMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.proposer`,
                value: reader.uint32()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.evidenceRoot`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.txCount`,
                value: reader.uint32()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.evidenceCount`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface BlockHeaderChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface BlockHeaderHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface BlockHeaderViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface BlockHeaderPrevHashFieldEvent {
    field: '$.prevHash'
    value: Uint8Array
  }

  export interface BlockHeaderTxRootFieldEvent {
    field: '$.txRoot'
    value: Uint8Array
  }

  export interface BlockHeaderStateRootFieldEvent {
    field: '$.stateRoot'
    value: Uint8Array
  }

  export interface BlockHeaderResultsRootFieldEvent {
    field: '$.resultsRoot'
    value: Uint8Array
  }

  export interface BlockHeaderTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: number
  }

  export interface BlockHeaderProposerFieldEvent {
    field: '$.proposer'
    value: number
  }

  export interface BlockHeaderEvidenceRootFieldEvent {
    field: '$.evidenceRoot'
    value: Uint8Array
  }

  export interface BlockHeaderTxCountFieldEvent {
    field: '$.txCount'
    value: number
  }

  export interface BlockHeaderEvidenceCountFieldEvent {
    field: '$.evidenceCount'
    value: number
  }

  export function encode (obj: Partial<BlockHeader>): Uint8Array {
    return encodeMessage(obj, BlockHeader.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockHeader>): BlockHeader {
    return decodeMessage(buf, BlockHeader.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockHeader>): Generator<BlockHeaderChainIdFieldEvent | BlockHeaderHeightFieldEvent | BlockHeaderViewFieldEvent | BlockHeaderPrevHashFieldEvent | BlockHeaderTxRootFieldEvent | BlockHeaderStateRootFieldEvent | BlockHeaderResultsRootFieldEvent | BlockHeaderTimestampMsFieldEvent | BlockHeaderProposerFieldEvent | BlockHeaderEvidenceRootFieldEvent | BlockHeaderTxCountFieldEvent | BlockHeaderEvidenceCountFieldEvent> {
    return streamMessage(buf, BlockHeader.codec(), opts)
  }
}

export interface TxResult {
  code: number
  log: string
}

export namespace TxResult {
  let _codec: Codec<TxResult>

  export const codec = (): Codec<TxResult> => {
    if (_codec == null) {
      _codec = message<TxResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.code != null && obj.code !== 0)) {
          w.uint32(8)
          w.uint32(obj.code)
        }

        if ((obj.log != null && obj.log !== '')) {
          w.uint32(18)
          w.string(obj.log)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: 0,
          log: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = reader.uint32()
              break
            }
            case 2: {
              obj.log = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.code`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.log`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface TxResultCodeFieldEvent {
    field: '$.code'
    value: number
  }

  export interface TxResultLogFieldEvent {
    field: '$.log'
    value: string
  }

  export function encode (obj: Partial<TxResult>): Uint8Array {
    return encodeMessage(obj, TxResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxResult>): TxResult {
    return decodeMessage(buf, TxResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxResult>): Generator<TxResultCodeFieldEvent | TxResultLogFieldEvent> {
    return streamMessage(buf, TxResult.codec(), opts)
  }
}

export interface CommitCertificate {
  commits: Commit[]
}

export namespace CommitCertificate {
  let _codec: Codec<CommitCertificate>

  export const codec = (): Codec<CommitCertificate> => {
    if (_codec == null) {
      _codec = message<CommitCertificate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.commits != null && obj.commits.length > 0) {
          for (const value of obj.commits) {
            w.uint32(10)
            Commit.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          commits: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.commits != null && obj.commits.length === opts.limits.commits) {
                throw new MaxLengthError('Decode error - repeated field "commits" had too many elements')
              }

              obj.commits.push(Commit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commits$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          commits: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.commits != null && obj.commits === opts.limits.commits) {
                throw new MaxLengthError('Streaming decode error - repeated field "commits" had too many elements')
              }

              for (const evt of Commit.codec().stream(reader, reader.uint32(), `${prefix}.commits[]`, {
                limits: opts.limits?.commits$
              })) {
                yield {
                  ...evt,
                  index: obj.commits
                }
              }

              obj.commits++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CommitCertificateCommitsChainIdFieldEvent {
    field: '$.commits[].chainId'
    value: string
    index: number
  }

  export interface CommitCertificateCommitsViewFieldEvent {
    field: '$.commits[].view'
    value: number
    index: number
  }

  export interface CommitCertificateCommitsSeqFieldEvent {
    field: '$.commits[].seq'
    value: number
    index: number
  }

  export interface CommitCertificateCommitsDigestFieldEvent {
    field: '$.commits[].digest'
    value: Uint8Array
    index: number
  }

  export interface CommitCertificateCommitsReplicaFieldEvent {
    field: '$.commits[].replica'
    value: number
    index: number
  }

  export interface CommitCertificateCommitsSignatureFieldEvent {
    field: '$.commits[].signature'
    value: Uint8Array
    index: number
  }

  export function encode (obj: Partial<CommitCertificate>): Uint8Array {
    return encodeMessage(obj, CommitCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitCertificate>): CommitCertificate {
    return decodeMessage(buf, CommitCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitCertificate>): Generator<CommitCertificateCommitsChainIdFieldEvent | CommitCertificateCommitsViewFieldEvent | CommitCertificateCommitsSeqFieldEvent | CommitCertificateCommitsDigestFieldEvent | CommitCertificateCommitsReplicaFieldEvent | CommitCertificateCommitsSignatureFieldEvent> {
    return streamMessage(buf, CommitCertificate.codec(), opts)
  }
}

export interface Block {
  header?: BlockHeader
  txs: Transaction[]
  results: TxResult[]
  cert?: CommitCertificate
  evidence: Evidence[]
}

export namespace Block {
  let _codec: Codec<Block>

  export const codec = (): Codec<Block> => {
    if (_codec == null) {
      _codec = message<Block>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.header != null) {
          w.uint32(10)
          BlockHeader.codec().encode(obj.header, w)
        }

        if (obj.txs != null && obj.txs.length > 0) {
          for (const value of obj.txs) {
            w.uint32(18)
            Transaction.codec().encode(value, w)
          }
        }

        if (obj.results != null && obj.results.length > 0) {
          for (const value of obj.results) {
            w.uint32(26)
            TxResult.codec().encode(value, w)
          }
        }

        if (obj.cert != null) {
          w.uint32(34)
          CommitCertificate.codec().encode(obj.cert, w)
        }

        if (obj.evidence != null && obj.evidence.length > 0) {
          for (const value of obj.evidence) {
            w.uint32(42)
            Evidence.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          txs: [],
          results: [],
          evidence: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.header = BlockHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.header
              })
              break
            }
            case 2: {
              if (opts.limits?.txs != null && obj.txs.length === opts.limits.txs) {
                throw new MaxLengthError('Decode error - repeated field "txs" had too many elements')
              }

              obj.txs.push(Transaction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.txs$
              }))
              break
            }
            case 3: {
              if (opts.limits?.results != null && obj.results.length === opts.limits.results) {
                throw new MaxLengthError('Decode error - repeated field "results" had too many elements')
              }

              obj.results.push(TxResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.results$
              }))
              break
            }
            case 4: {
              obj.cert = CommitCertificate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.cert
              })
              break
            }
            case 5: {
              if (opts.limits?.evidence != null && obj.evidence.length === opts.limits.evidence) {
                throw new MaxLengthError('Decode error - repeated field "evidence" had too many elements')
              }

              obj.evidence.push(Evidence.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.evidence$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          txs: 0,
          results: 0,
          evidence: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * BlockHeader.codec().stream(reader, reader.uint32(), `${prefix}.header`, {
                limits: opts.limits?.header
              })

              break
            }
            case 2: {
              if (opts.limits?.txs != null && obj.txs === opts.limits.txs) {
                throw new MaxLengthError('Streaming decode error - repeated field "txs" had too many elements')
              }

              for (const evt of Transaction.codec().stream(reader, reader.uint32(), `${prefix}.txs[]`, {
                limits: opts.limits?.txs$
              })) {
                yield {
                  ...evt,
                  index: obj.txs
                }
              }

              obj.txs++

              break
            }
            case 3: {
              if (opts.limits?.results != null && obj.results === opts.limits.results) {
                throw new MaxLengthError('Streaming decode error - repeated field "results" had too many elements')
              }

              for (const evt of TxResult.codec().stream(reader, reader.uint32(), `${prefix}.results[]`, {
                limits: opts.limits?.results$
              })) {
                yield {
                  ...evt,
                  index: obj.results
                }
              }

              obj.results++

              break
            }
            case 4: {
              yield * CommitCertificate.codec().stream(reader, reader.uint32(), `${prefix}.cert`, {
                limits: opts.limits?.cert
              })

              break
            }
            case 5: {
              if (opts.limits?.evidence != null && obj.evidence === opts.limits.evidence) {
                throw new MaxLengthError('Streaming decode error - repeated field "evidence" had too many elements')
              }

              for (const evt of Evidence.codec().stream(reader, reader.uint32(), `${prefix}.evidence[]`, {
                limits: opts.limits?.evidence$
              })) {
                yield {
                  ...evt,
                  index: obj.evidence
                }
              }

              obj.evidence++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface BlockHeaderChainIdFieldEvent {
    field: '$.header.chainId'
    value: string
  }

  export interface BlockHeaderHeightFieldEvent {
    field: '$.header.height'
    value: number
  }

  export interface BlockHeaderViewFieldEvent {
    field: '$.header.view'
    value: number
  }

  export interface BlockHeaderPrevHashFieldEvent {
    field: '$.header.prevHash'
    value: Uint8Array
  }

  export interface BlockHeaderTxRootFieldEvent {
    field: '$.header.txRoot'
    value: Uint8Array
  }

  export interface BlockHeaderStateRootFieldEvent {
    field: '$.header.stateRoot'
    value: Uint8Array
  }

  export interface BlockHeaderResultsRootFieldEvent {
    field: '$.header.resultsRoot'
    value: Uint8Array
  }

  export interface BlockHeaderTimestampMsFieldEvent {
    field: '$.header.timestampMs'
    value: number
  }

  export interface BlockHeaderProposerFieldEvent {
    field: '$.header.proposer'
    value: number
  }

  export interface BlockHeaderEvidenceRootFieldEvent {
    field: '$.header.evidenceRoot'
    value: Uint8Array
  }

  export interface BlockHeaderTxCountFieldEvent {
    field: '$.header.txCount'
    value: number
  }

  export interface BlockHeaderEvidenceCountFieldEvent {
    field: '$.header.evidenceCount'
    value: number
  }

  export interface BlockTxsChainIdFieldEvent {
    field: '$.txs[].chainId'
    value: string
    index: number
  }

  export interface BlockTxsClientFieldEvent {
    field: '$.txs[].client'
    value: Uint8Array
    index: number
  }

  export interface BlockTxsNonceFieldEvent {
    field: '$.txs[].nonce'
    value: number
    index: number
  }

  export interface BlockTxsPayloadFieldEvent {
    field: '$.txs[].payload'
    value: Uint8Array
    index: number
  }

  export interface BlockTxsSignatureFieldEvent {
    field: '$.txs[].signature'
    value: Uint8Array
    index: number
  }

  export interface BlockResultsCodeFieldEvent {
    field: '$.results[].code'
    value: number
    index: number
  }

  export interface BlockResultsLogFieldEvent {
    field: '$.results[].log'
    value: string
    index: number
  }

  export interface BlockCertCommitsChainIdFieldEvent {
    field: '$.cert.commits[].chainId'
    value: string
    index: number
  }

  export interface BlockCertCommitsViewFieldEvent {
    field: '$.cert.commits[].view'
    value: number
    index: number
  }

  export interface BlockCertCommitsSeqFieldEvent {
    field: '$.cert.commits[].seq'
    value: number
    index: number
  }

  export interface BlockCertCommitsDigestFieldEvent {
    field: '$.cert.commits[].digest'
    value: Uint8Array
    index: number
  }

  export interface BlockCertCommitsReplicaFieldEvent {
    field: '$.cert.commits[].replica'
    value: number
    index: number
  }

  export interface BlockCertCommitsSignatureFieldEvent {
    field: '$.cert.commits[].signature'
    value: Uint8Array
    index: number
  }

  export interface BlockEvidenceAccusedFieldEvent {
    field: '$.evidence[].accused'
    value: number
    index: number
  }

  export interface BlockEvidenceKindFieldEvent {
    field: '$.evidence[].kind'
    value: string
    index: number
  }

  export interface BlockEvidenceMessagesFieldEvent {
    field: '$.evidence[].messages[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<Block>): Uint8Array {
    return encodeMessage(obj, Block.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Block>): Block {
    return decodeMessage(buf, Block.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Block>): Generator<BlockHeaderChainIdFieldEvent | BlockHeaderHeightFieldEvent | BlockHeaderViewFieldEvent | BlockHeaderPrevHashFieldEvent | BlockHeaderTxRootFieldEvent | BlockHeaderStateRootFieldEvent | BlockHeaderResultsRootFieldEvent | BlockHeaderTimestampMsFieldEvent | BlockHeaderProposerFieldEvent | BlockHeaderEvidenceRootFieldEvent | BlockHeaderTxCountFieldEvent | BlockHeaderEvidenceCountFieldEvent | BlockTxsChainIdFieldEvent | BlockTxsClientFieldEvent | BlockTxsNonceFieldEvent | BlockTxsPayloadFieldEvent | BlockTxsSignatureFieldEvent | BlockResultsCodeFieldEvent | BlockResultsLogFieldEvent | BlockCertCommitsChainIdFieldEvent | BlockCertCommitsViewFieldEvent | BlockCertCommitsSeqFieldEvent | BlockCertCommitsDigestFieldEvent | BlockCertCommitsReplicaFieldEvent | BlockCertCommitsSignatureFieldEvent | BlockEvidenceAccusedFieldEvent | BlockEvidenceKindFieldEvent | BlockEvidenceMessagesFieldEvent> {
    return streamMessage(buf, Block.codec(), opts)
  }
}

export interface PrunedBlock {
  header?: BlockHeader
  cert?: CommitCertificate
}

export namespace PrunedBlock {
  let _codec: Codec<PrunedBlock>

  export const codec = (): Codec<PrunedBlock> => {
    if (_codec == null) {
      _codec = message<PrunedBlock>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.header != null) {
          w.uint32(10)
          BlockHeader.codec().encode(obj.header, w)
        }

        if (obj.cert != null) {
          w.uint32(18)
          CommitCertificate.codec().encode(obj.cert, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.header = BlockHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.header
              })
              break
            }
            case 2: {
              obj.cert = CommitCertificate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.cert
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * BlockHeader.codec().stream(reader, reader.uint32(), `${prefix}.header`, {
                limits: opts.limits?.header
              })

              break
            }
            case 2: {
              yield * CommitCertificate.codec().stream(reader, reader.uint32(), `${prefix}.cert`, {
                limits: opts.limits?.cert
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PrunedBlockHeaderChainIdFieldEvent {
    field: '$.header.chainId'
    value: string
  }

  export interface PrunedBlockHeaderHeightFieldEvent {
    field: '$.header.height'
    value: number
  }

  export interface PrunedBlockHeaderViewFieldEvent {
    field: '$.header.view'
    value: number
  }

  export interface PrunedBlockHeaderPrevHashFieldEvent {
    field: '$.header.prevHash'
    value: Uint8Array
  }

  export interface PrunedBlockHeaderTxRootFieldEvent {
    field: '$.header.txRoot'
    value: Uint8Array
  }

  export interface PrunedBlockHeaderStateRootFieldEvent {
    field: '$.header.stateRoot'
    value: Uint8Array
  }

  export interface PrunedBlockHeaderResultsRootFieldEvent {
    field: '$.header.resultsRoot'
    value: Uint8Array
  }

  export interface PrunedBlockHeaderTimestampMsFieldEvent {
    field: '$.header.timestampMs'
    value: number
  }

  export interface PrunedBlockHeaderProposerFieldEvent {
    field: '$.header.proposer'
    value: number
  }

  export interface PrunedBlockHeaderEvidenceRootFieldEvent {
    field: '$.header.evidenceRoot'
    value: Uint8Array
  }

  export interface PrunedBlockHeaderTxCountFieldEvent {
    field: '$.header.txCount'
    value: number
  }

  export interface PrunedBlockHeaderEvidenceCountFieldEvent {
    field: '$.header.evidenceCount'
    value: number
  }

  export interface PrunedBlockCertCommitsChainIdFieldEvent {
    field: '$.cert.commits[].chainId'
    value: string
    index: number
  }

  export interface PrunedBlockCertCommitsViewFieldEvent {
    field: '$.cert.commits[].view'
    value: number
    index: number
  }

  export interface PrunedBlockCertCommitsSeqFieldEvent {
    field: '$.cert.commits[].seq'
    value: number
    index: number
  }

  export interface PrunedBlockCertCommitsDigestFieldEvent {
    field: '$.cert.commits[].digest'
    value: Uint8Array
    index: number
  }

  export interface PrunedBlockCertCommitsReplicaFieldEvent {
    field: '$.cert.commits[].replica'
    value: number
    index: number
  }

  export interface PrunedBlockCertCommitsSignatureFieldEvent {
    field: '$.cert.commits[].signature'
    value: Uint8Array
    index: number
  }

  export function encode (obj: Partial<PrunedBlock>): Uint8Array {
    return encodeMessage(obj, PrunedBlock.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrunedBlock>): PrunedBlock {
    return decodeMessage(buf, PrunedBlock.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrunedBlock>): Generator<PrunedBlockHeaderChainIdFieldEvent | PrunedBlockHeaderHeightFieldEvent | PrunedBlockHeaderViewFieldEvent | PrunedBlockHeaderPrevHashFieldEvent | PrunedBlockHeaderTxRootFieldEvent | PrunedBlockHeaderStateRootFieldEvent | PrunedBlockHeaderResultsRootFieldEvent | PrunedBlockHeaderTimestampMsFieldEvent | PrunedBlockHeaderProposerFieldEvent | PrunedBlockHeaderEvidenceRootFieldEvent | PrunedBlockHeaderTxCountFieldEvent | PrunedBlockHeaderEvidenceCountFieldEvent | PrunedBlockCertCommitsChainIdFieldEvent | PrunedBlockCertCommitsViewFieldEvent | PrunedBlockCertCommitsSeqFieldEvent | PrunedBlockCertCommitsDigestFieldEvent | PrunedBlockCertCommitsReplicaFieldEvent | PrunedBlockCertCommitsSignatureFieldEvent> {
    return streamMessage(buf, PrunedBlock.codec(), opts)
  }
}

export interface PruneRecord {
  prunedBelow: number
  snapshot: Uint8Array
  checkpoint?: StableCheckpointRecord
}

export namespace PruneRecord {
  let _codec: Codec<PruneRecord>

  export const codec = (): Codec<PruneRecord> => {
    if (_codec == null) {
      _codec = message<PruneRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.prunedBelow != null && obj.prunedBelow !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.prunedBelow)
        }

        if ((obj.snapshot != null && obj.snapshot.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.snapshot)
        }

        if (obj.checkpoint != null) {
          w.uint32(26)
          StableCheckpointRecord.codec().encode(obj.checkpoint, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          prunedBelow: 0,
          snapshot: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.prunedBelow = reader.uint64Number()
              break
            }
            case 2: {
              obj.snapshot = reader.bytes()
              break
            }
            case 3: {
              obj.checkpoint = StableCheckpointRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpoint
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.prunedBelow`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.snapshot`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield * StableCheckpointRecord.codec().stream(reader, reader.uint32(), `${prefix}.checkpoint`, {
                limits: opts.limits?.checkpoint
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PruneRecordPrunedBelowFieldEvent {
    field: '$.prunedBelow'
    value: number
  }

  export interface PruneRecordSnapshotFieldEvent {
    field: '$.snapshot'
    value: Uint8Array
  }

  export interface PruneRecordCheckpointSeqFieldEvent {
    field: '$.checkpoint.seq'
    value: number
  }

  export interface PruneRecordCheckpointBlockHashFieldEvent {
    field: '$.checkpoint.blockHash'
    value: Uint8Array
  }

  export interface PruneRecordCheckpointProofChainIdFieldEvent {
    field: '$.checkpoint.proof[].chainId'
    value: string
    index: number
  }

  export interface PruneRecordCheckpointProofSeqFieldEvent {
    field: '$.checkpoint.proof[].seq'
    value: number
    index: number
  }

  export interface PruneRecordCheckpointProofBlockHashFieldEvent {
    field: '$.checkpoint.proof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface PruneRecordCheckpointProofReplicaFieldEvent {
    field: '$.checkpoint.proof[].replica'
    value: number
    index: number
  }

  export interface PruneRecordCheckpointProofSignatureFieldEvent {
    field: '$.checkpoint.proof[].signature'
    value: Uint8Array
    index: number
  }

  export function encode (obj: Partial<PruneRecord>): Uint8Array {
    return encodeMessage(obj, PruneRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PruneRecord>): PruneRecord {
    return decodeMessage(buf, PruneRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PruneRecord>): Generator<PruneRecordPrunedBelowFieldEvent | PruneRecordSnapshotFieldEvent | PruneRecordCheckpointSeqFieldEvent | PruneRecordCheckpointBlockHashFieldEvent | PruneRecordCheckpointProofChainIdFieldEvent | PruneRecordCheckpointProofSeqFieldEvent | PruneRecordCheckpointProofBlockHashFieldEvent | PruneRecordCheckpointProofReplicaFieldEvent | PruneRecordCheckpointProofSignatureFieldEvent> {
    return streamMessage(buf, PruneRecord.codec(), opts)
  }
}

export interface Evidence {
  accused: number
  kind: string
  messages: Uint8Array[]
}

export namespace Evidence {
  let _codec: Codec<Evidence>

  export const codec = (): Codec<Evidence> => {
    if (_codec == null) {
      _codec = message<Evidence>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.accused != null && obj.accused !== 0)) {
          w.uint32(8)
          w.uint32(obj.accused)
        }

        if ((obj.kind != null && obj.kind !== '')) {
          w.uint32(18)
          w.string(obj.kind)
        }

        if (obj.messages != null && obj.messages.length > 0) {
          for (const value of obj.messages) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          accused: 0,
          kind: '',
          messages: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.accused = reader.uint32()
              break
            }
            case 2: {
              obj.kind = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.messages != null && obj.messages.length === opts.limits.messages) {
                throw new MaxLengthError('Decode error - repeated field "messages" had too many elements')
              }

              obj.messages.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          messages: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.accused`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.kind`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.messages != null && obj.messages === opts.limits.messages) {
                throw new MaxLengthError('Streaming decode error - repeated field "messages" had too many elements')
              }

              yield {
                field: `${prefix}.messages[]`,
                index: obj.messages,
                value: reader.bytes()
              }

              obj.messages++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EvidenceAccusedFieldEvent {
    field: '$.accused'
    value: number
  }

  export interface EvidenceKindFieldEvent {
    field: '$.kind'
    value: string
  }

  export interface EvidenceMessagesFieldEvent {
    field: '$.messages[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<Evidence>): Uint8Array {
    return encodeMessage(obj, Evidence.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Evidence>): Evidence {
    return decodeMessage(buf, Evidence.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Evidence>): Generator<EvidenceAccusedFieldEvent | EvidenceKindFieldEvent | EvidenceMessagesFieldEvent> {
    return streamMessage(buf, Evidence.codec(), opts)
  }
}

export interface AdminCommand {
  chainId: string
  replica: number
  nonce: number
  action: string
  modes: string[]
  targets: number[]
  fromHeight: number
  signature: Uint8Array
}

export namespace AdminCommand {
  let _codec: Codec<AdminCommand>

  export const codec = (): Codec<AdminCommand> => {
    if (_codec == null) {
      _codec = message<AdminCommand>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== '')) {
          w.uint32(10)
          w.string(obj.chainId)
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(16)
          w.uint32(obj.replica)
        }

        if ((obj.nonce != null && obj.nonce !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.nonce)
        }

        if ((obj.action != null && obj.action !== '')) {
          w.uint32(34)
          w.string(obj.action)
        }

        if (obj.modes != null && obj.modes.length > 0) {
          for (const value of obj.modes) {
            w.uint32(42)
            w.string(value)
          }
        }

        if (obj.targets != null && obj.targets.length > 0) {
          for (const value of obj.targets) {
            w.uint32(48)
            w.uint32(value)
          }
        }

        if ((obj.fromHeight != null && obj.fromHeight !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.fromHeight)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: '',
          replica: 0,
          nonce: 0,
          action: '',
          modes: [],
          targets: [],
          fromHeight: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = reader.string()
              break
            }
            case 2: {
              obj.replica = reader.uint32()
              break
            }
            case 3: {
              obj.nonce = reader.uint64Number()
              break
            }
            case 4: {
              obj.action = reader.string()
              break
            }
            case 5: {
              if (opts.limits?.modes != null && obj.modes.length === opts.limits.modes) {
                throw new MaxLengthError('Decode error - repeated field "modes" had too many elements')
              }

              obj.modes.push(reader.string())
              break
            }
            case 6: {
              if (opts.limits?.targets != null && obj.targets.length === opts.limits.targets) {
                throw new MaxLengthError('Decode error - repeated field "targets" had too many elements')
              }

              obj.targets.push(reader.uint32())
              break
            }
            case 7: {
              obj.fromHeight = reader.uint64Number()
              break
            }
            case 15: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          modes: 0,
          targets: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.action`,
                value: reader.string()
              }
              break
            }
            case 5: {
              if (opts.limits?.modes != null && obj.modes === opts.limits.modes) {
                throw new MaxLengthError('Streaming decode error - repeated field "modes" had too many elements')
              }

              yield {
                field: `${prefix}.modes[]`,
                index: obj.modes,
                value: reader.string()
              }

              obj.modes++

              break
            }
            case 6: {
              if (opts.limits?.targets != null && obj.targets === opts.limits.targets) {
                throw new MaxLengthError('Streaming decode error - repeated field "targets" had too many elements')
              }

              yield {
                field: `${prefix}.targets[]`,
                index: obj.targets,
                value: reader.uint32()
              }

              obj.targets++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.fromHeight`,
                value: reader.uint64Number()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AdminCommandChainIdFieldEvent {
    field: '$.chainId'
    value: string
  }

  export interface AdminCommandReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface AdminCommandNonceFieldEvent {
    field: '$.nonce'
    value: number
  }

  export interface AdminCommandActionFieldEvent {
    field: '$.action'
    value: string
  }

  export interface AdminCommandModesFieldEvent {
    field: '$.modes[]'
    index: number
    value: string
  }

  export interface AdminCommandTargetsFieldEvent {
    field: '$.targets[]'
    index: number
    value: number
  }

  export interface AdminCommandFromHeightFieldEvent {
    field: '$.fromHeight'
    value: number
  }

  export interface AdminCommandSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array
  }

  export function encode (obj: Partial<AdminCommand>): Uint8Array {
    return encodeMessage(obj, AdminCommand.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AdminCommand>): AdminCommand {
    return decodeMessage(buf, AdminCommand.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AdminCommand>): Generator<AdminCommandChainIdFieldEvent | AdminCommandReplicaFieldEvent | AdminCommandNonceFieldEvent | AdminCommandActionFieldEvent | AdminCommandModesFieldEvent | AdminCommandTargetsFieldEvent | AdminCommandFromHeightFieldEvent | AdminCommandSignatureFieldEvent> {
    return streamMessage(buf, AdminCommand.codec(), opts)
  }
}

export interface ReplicaFrame {
  prePrepare?: PrePrepare
  prepare?: Prepare
  commit?: Commit
  checkpoint?: Checkpoint
  viewChange?: ViewChange
  newView?: NewView
  stateRequest?: StateRequest
  stateResponse?: StateResponse
  request?: Transaction
  batches: Batch[]
}

export namespace ReplicaFrame {
  let _codec: Codec<ReplicaFrame>

  export const codec = (): Codec<ReplicaFrame> => {
    if (_codec == null) {
      _codec = message<ReplicaFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.prePrepare != null) {
          w.uint32(10)
          PrePrepare.codec().encode(obj.prePrepare, w)
        }

        if (obj.prepare != null) {
          w.uint32(18)
          Prepare.codec().encode(obj.prepare, w)
        }

        if (obj.commit != null) {
          w.uint32(26)
          Commit.codec().encode(obj.commit, w)
        }

        if (obj.checkpoint != null) {
          w.uint32(34)
          Checkpoint.codec().encode(obj.checkpoint, w)
        }

        if (obj.viewChange != null) {
          w.uint32(42)
          ViewChange.codec().encode(obj.viewChange, w)
        }

        if (obj.newView != null) {
          w.uint32(50)
          NewView.codec().encode(obj.newView, w)
        }

        if (obj.stateRequest != null) {
          w.uint32(58)
          StateRequest.codec().encode(obj.stateRequest, w)
        }

        if (obj.stateResponse != null) {
          w.uint32(66)
          StateResponse.codec().encode(obj.stateResponse, w)
        }

        if (obj.request != null) {
          w.uint32(74)
          Transaction.codec().encode(obj.request, w)
        }

        if (obj.batches != null && obj.batches.length > 0) {
          for (const value of obj.batches) {
            w.uint32(82)
            Batch.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          batches: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.prePrepare = PrePrepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prePrepare
              })
              break
            }
            case 2: {
              obj.prepare = Prepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepare
              })
              break
            }
            case 3: {
              obj.commit = Commit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commit
              })
              break
            }
            case 4: {
              obj.checkpoint = Checkpoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpoint
              })
              break
            }
            case 5: {
              obj.viewChange = ViewChange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.viewChange
              })
              break
            }
            case 6: {
              obj.newView = NewView.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.newView
              })
              break
            }
            case 7: {
              obj.stateRequest = StateRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stateRequest
              })
              break
            }
            case 8: {
              obj.stateResponse = StateResponse.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stateResponse
              })
              break
            }
            case 9: {
              obj.request = Transaction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 10: {
              if (opts.limits?.batches != null && obj.batches.length === opts.limits.batches) {
                throw new MaxLengthError('Decode error - repeated field "batches" had too many elements')
              }

              obj.batches.push(Batch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.batches$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          batches: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * PrePrepare.codec().stream(reader, reader.uint32(), `${prefix}.prePrepare`, {
                limits: opts.limits?.prePrepare
              })

              break
            }
            case 2: {
              yield * Prepare.codec().stream(reader, reader.uint32(), `${prefix}.prepare`, {
                limits: opts.limits?.prepare
              })

              break
            }
            case 3: {
              yield * Commit.codec().stream(reader, reader.uint32(), `${prefix}.commit`, {
                limits: opts.limits?.commit
              })

              break
            }
            case 4: {
              yield * Checkpoint.codec().stream(reader, reader.uint32(), `${prefix}.checkpoint`, {
                limits: opts.limits?.checkpoint
              })

              break
            }
            case 5: {
              yield * ViewChange.codec().stream(reader, reader.uint32(), `${prefix}.viewChange`, {
                limits: opts.limits?.viewChange
              })

              break
            }
            case 6: {
              yield * NewView.codec().stream(reader, reader.uint32(), `${prefix}.newView`, {
                limits: opts.limits?.newView
              })

              break
            }
            case 7: {
              yield * StateRequest.codec().stream(reader, reader.uint32(), `${prefix}.stateRequest`, {
                limits: opts.limits?.stateRequest
              })

              break
            }
            case 8: {
              yield * StateResponse.codec().stream(reader, reader.uint32(), `${prefix}.stateResponse`, {
                limits: opts.limits?.stateResponse
              })

              break
            }
            case 9: {
              yield * Transaction.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 10: {
              if (opts.limits?.batches != null && obj.batches === opts.limits.batches) {
                throw new MaxLengthError('Streaming decode error - repeated field "batches" had too many elements')
              }

              for (const evt of Batch.codec().stream(reader, reader.uint32(), `${prefix}.batches[]`, {
                limits: opts.limits?.batches$
              })) {
                yield {
                  ...evt,
                  index: obj.batches
                }
              }

              obj.batches++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ReplicaFramePrePrepareChainIdFieldEvent {
    field: '$.prePrepare.chainId'
    value: string
  }

  export interface ReplicaFramePrePrepareViewFieldEvent {
    field: '$.prePrepare.view'
    value: number
  }

  export interface ReplicaFramePrePrepareSeqFieldEvent {
    field: '$.prePrepare.seq'
    value: number
  }

  export interface ReplicaFramePrePrepareDigestFieldEvent {
    field: '$.prePrepare.digest'
    value: Uint8Array
  }

  export interface ReplicaFramePrePrepareReplicaFieldEvent {
    field: '$.prePrepare.replica'
    value: number
  }

  export interface ReplicaFramePrePrepareSignatureFieldEvent {
    field: '$.prePrepare.signature'
    value: Uint8Array
  }

  export interface ReplicaFramePrepareChainIdFieldEvent {
    field: '$.prepare.chainId'
    value: string
  }

  export interface ReplicaFramePrepareViewFieldEvent {
    field: '$.prepare.view'
    value: number
  }

  export interface ReplicaFramePrepareSeqFieldEvent {
    field: '$.prepare.seq'
    value: number
  }

  export interface ReplicaFramePrepareDigestFieldEvent {
    field: '$.prepare.digest'
    value: Uint8Array
  }

  export interface ReplicaFramePrepareReplicaFieldEvent {
    field: '$.prepare.replica'
    value: number
  }

  export interface ReplicaFramePrepareSignatureFieldEvent {
    field: '$.prepare.signature'
    value: Uint8Array
  }

  export interface ReplicaFrameCommitChainIdFieldEvent {
    field: '$.commit.chainId'
    value: string
  }

  export interface ReplicaFrameCommitViewFieldEvent {
    field: '$.commit.view'
    value: number
  }

  export interface ReplicaFrameCommitSeqFieldEvent {
    field: '$.commit.seq'
    value: number
  }

  export interface ReplicaFrameCommitDigestFieldEvent {
    field: '$.commit.digest'
    value: Uint8Array
  }

  export interface ReplicaFrameCommitReplicaFieldEvent {
    field: '$.commit.replica'
    value: number
  }

  export interface ReplicaFrameCommitSignatureFieldEvent {
    field: '$.commit.signature'
    value: Uint8Array
  }

  export interface ReplicaFrameCheckpointChainIdFieldEvent {
    field: '$.checkpoint.chainId'
    value: string
  }

  export interface ReplicaFrameCheckpointSeqFieldEvent {
    field: '$.checkpoint.seq'
    value: number
  }

  export interface ReplicaFrameCheckpointBlockHashFieldEvent {
    field: '$.checkpoint.blockHash'
    value: Uint8Array
  }

  export interface ReplicaFrameCheckpointReplicaFieldEvent {
    field: '$.checkpoint.replica'
    value: number
  }

  export interface ReplicaFrameCheckpointSignatureFieldEvent {
    field: '$.checkpoint.signature'
    value: Uint8Array
  }

  export interface ReplicaFrameViewChangeChainIdFieldEvent {
    field: '$.viewChange.chainId'
    value: string
  }

  export interface ReplicaFrameViewChangeNewViewFieldEvent {
    field: '$.viewChange.newView'
    value: number
  }

  export interface ReplicaFrameViewChangeStableSeqFieldEvent {
    field: '$.viewChange.stableSeq'
    value: number
  }

  export interface ReplicaFrameViewChangeCheckpointProofChainIdFieldEvent {
    field: '$.viewChange.checkpointProof[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameViewChangeCheckpointProofSeqFieldEvent {
    field: '$.viewChange.checkpointProof[].seq'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangeCheckpointProofBlockHashFieldEvent {
    field: '$.viewChange.checkpointProof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameViewChangeCheckpointProofReplicaFieldEvent {
    field: '$.viewChange.checkpointProof[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangeCheckpointProofSignatureFieldEvent {
    field: '$.viewChange.checkpointProof[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPrePrepareChainIdFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPrePrepareViewFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.view'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPrePrepareSeqFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.seq'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPrePrepareDigestFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.digest'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPrePrepareReplicaFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.replica'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPrePrepareSignatureFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPreparesChainIdFieldEvent {
    field: '$.viewChange.prepared[].prepares[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPreparesViewFieldEvent {
    field: '$.viewChange.prepared[].prepares[].view'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPreparesSeqFieldEvent {
    field: '$.viewChange.prepared[].prepares[].seq'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPreparesDigestFieldEvent {
    field: '$.viewChange.prepared[].prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPreparesReplicaFieldEvent {
    field: '$.viewChange.prepared[].prepares[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameViewChangePreparedPreparesSignatureFieldEvent {
    field: '$.viewChange.prepared[].prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameViewChangeReplicaFieldEvent {
    field: '$.viewChange.replica'
    value: number
  }

  export interface ReplicaFrameViewChangeSignatureFieldEvent {
    field: '$.viewChange.signature'
    value: Uint8Array
  }

  export interface ReplicaFrameNewViewChainIdFieldEvent {
    field: '$.newView.chainId'
    value: string
  }

  export interface ReplicaFrameNewViewViewFieldEvent {
    field: '$.newView.view'
    value: number
  }

  export interface ReplicaFrameNewViewViewChangesChainIdFieldEvent {
    field: '$.newView.viewChanges[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesNewViewFieldEvent {
    field: '$.newView.viewChanges[].newView'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesStableSeqFieldEvent {
    field: '$.newView.viewChanges[].stableSeq'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesCheckpointProofChainIdFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesCheckpointProofSeqFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].seq'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesCheckpointProofBlockHashFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesCheckpointProofReplicaFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesCheckpointProofSignatureFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPrePrepareChainIdFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPrePrepareViewFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.view'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPrePrepareSeqFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.seq'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPrePrepareDigestFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.digest'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPrePrepareReplicaFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.replica'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPrePrepareSignatureFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPreparesChainIdFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPreparesViewFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].view'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPreparesSeqFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].seq'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPreparesDigestFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPreparesReplicaFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesPreparedPreparesSignatureFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesReplicaFieldEvent {
    field: '$.newView.viewChanges[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewViewChangesSignatureFieldEvent {
    field: '$.newView.viewChanges[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewPrePreparesChainIdFieldEvent {
    field: '$.newView.prePrepares[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameNewViewPrePreparesViewFieldEvent {
    field: '$.newView.prePrepares[].view'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewPrePreparesSeqFieldEvent {
    field: '$.newView.prePrepares[].seq'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewPrePreparesDigestFieldEvent {
    field: '$.newView.prePrepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewPrePreparesReplicaFieldEvent {
    field: '$.newView.prePrepares[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameNewViewPrePreparesSignatureFieldEvent {
    field: '$.newView.prePrepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameNewViewReplicaFieldEvent {
    field: '$.newView.replica'
    value: number
  }

  export interface ReplicaFrameNewViewSignatureFieldEvent {
    field: '$.newView.signature'
    value: Uint8Array
  }

  export interface ReplicaFrameStateRequestChainIdFieldEvent {
    field: '$.stateRequest.chainId'
    value: string
  }

  export interface ReplicaFrameStateRequestFromHeightFieldEvent {
    field: '$.stateRequest.fromHeight'
    value: number
  }

  export interface ReplicaFrameStateRequestToHeightFieldEvent {
    field: '$.stateRequest.toHeight'
    value: number
  }

  export interface ReplicaFrameStateRequestReplicaFieldEvent {
    field: '$.stateRequest.replica'
    value: number
  }

  export interface ReplicaFrameStateResponseChainIdFieldEvent {
    field: '$.stateResponse.chainId'
    value: string
  }

  export interface ReplicaFrameStateResponseBlocksHeaderChainIdFieldEvent {
    field: '$.stateResponse.blocks[].header.chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderHeightFieldEvent {
    field: '$.stateResponse.blocks[].header.height'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderViewFieldEvent {
    field: '$.stateResponse.blocks[].header.view'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderPrevHashFieldEvent {
    field: '$.stateResponse.blocks[].header.prevHash'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderTxRootFieldEvent {
    field: '$.stateResponse.blocks[].header.txRoot'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderStateRootFieldEvent {
    field: '$.stateResponse.blocks[].header.stateRoot'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderResultsRootFieldEvent {
    field: '$.stateResponse.blocks[].header.resultsRoot'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderTimestampMsFieldEvent {
    field: '$.stateResponse.blocks[].header.timestampMs'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderProposerFieldEvent {
    field: '$.stateResponse.blocks[].header.proposer'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderEvidenceRootFieldEvent {
    field: '$.stateResponse.blocks[].header.evidenceRoot'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderTxCountFieldEvent {
    field: '$.stateResponse.blocks[].header.txCount'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksHeaderEvidenceCountFieldEvent {
    field: '$.stateResponse.blocks[].header.evidenceCount'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksTxsChainIdFieldEvent {
    field: '$.stateResponse.blocks[].txs[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksTxsClientFieldEvent {
    field: '$.stateResponse.blocks[].txs[].client'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksTxsNonceFieldEvent {
    field: '$.stateResponse.blocks[].txs[].nonce'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksTxsPayloadFieldEvent {
    field: '$.stateResponse.blocks[].txs[].payload'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksTxsSignatureFieldEvent {
    field: '$.stateResponse.blocks[].txs[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksResultsCodeFieldEvent {
    field: '$.stateResponse.blocks[].results[].code'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksResultsLogFieldEvent {
    field: '$.stateResponse.blocks[].results[].log'
    value: string
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksCertCommitsChainIdFieldEvent {
    field: '$.stateResponse.blocks[].cert.commits[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksCertCommitsViewFieldEvent {
    field: '$.stateResponse.blocks[].cert.commits[].view'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksCertCommitsSeqFieldEvent {
    field: '$.stateResponse.blocks[].cert.commits[].seq'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksCertCommitsDigestFieldEvent {
    field: '$.stateResponse.blocks[].cert.commits[].digest'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksCertCommitsReplicaFieldEvent {
    field: '$.stateResponse.blocks[].cert.commits[].replica'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksCertCommitsSignatureFieldEvent {
    field: '$.stateResponse.blocks[].cert.commits[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksEvidenceAccusedFieldEvent {
    field: '$.stateResponse.blocks[].evidence[].accused'
    value: number
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksEvidenceKindFieldEvent {
    field: '$.stateResponse.blocks[].evidence[].kind'
    value: string
    index: number
  }

  export interface ReplicaFrameStateResponseBlocksEvidenceMessagesFieldEvent {
    field: '$.stateResponse.blocks[].evidence[].messages[]'
    index: number
    value: Uint8Array
  }

  export interface ReplicaFrameStateResponseReplicaFieldEvent {
    field: '$.stateResponse.replica'
    value: number
  }

  export interface ReplicaFrameStateResponseHeadHeightFieldEvent {
    field: '$.stateResponse.headHeight'
    value: number
  }

  export interface ReplicaFrameStateResponsePrunedBelowFieldEvent {
    field: '$.stateResponse.prunedBelow'
    value: number
  }

  export interface ReplicaFrameRequestChainIdFieldEvent {
    field: '$.request.chainId'
    value: string
  }

  export interface ReplicaFrameRequestClientFieldEvent {
    field: '$.request.client'
    value: Uint8Array
  }

  export interface ReplicaFrameRequestNonceFieldEvent {
    field: '$.request.nonce'
    value: number
  }

  export interface ReplicaFrameRequestPayloadFieldEvent {
    field: '$.request.payload'
    value: Uint8Array
  }

  export interface ReplicaFrameRequestSignatureFieldEvent {
    field: '$.request.signature'
    value: Uint8Array
  }

  export interface ReplicaFrameBatchesProposalChainIdFieldEvent {
    field: '$.batches[].proposal.chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameBatchesProposalSeqFieldEvent {
    field: '$.batches[].proposal.seq'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesProposalViewFieldEvent {
    field: '$.batches[].proposal.view'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesProposalTimestampMsFieldEvent {
    field: '$.batches[].proposal.timestampMs'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesProposalProposerFieldEvent {
    field: '$.batches[].proposal.proposer'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesProposalTxRootFieldEvent {
    field: '$.batches[].proposal.txRoot'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameBatchesProposalTxCountFieldEvent {
    field: '$.batches[].proposal.txCount'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesProposalEvidenceRootFieldEvent {
    field: '$.batches[].proposal.evidenceRoot'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameBatchesProposalEvidenceCountFieldEvent {
    field: '$.batches[].proposal.evidenceCount'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesTxsChainIdFieldEvent {
    field: '$.batches[].txs[].chainId'
    value: string
    index: number
  }

  export interface ReplicaFrameBatchesTxsClientFieldEvent {
    field: '$.batches[].txs[].client'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameBatchesTxsNonceFieldEvent {
    field: '$.batches[].txs[].nonce'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesTxsPayloadFieldEvent {
    field: '$.batches[].txs[].payload'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameBatchesTxsSignatureFieldEvent {
    field: '$.batches[].txs[].signature'
    value: Uint8Array
    index: number
  }

  export interface ReplicaFrameBatchesEvidenceAccusedFieldEvent {
    field: '$.batches[].evidence[].accused'
    value: number
    index: number
  }

  export interface ReplicaFrameBatchesEvidenceKindFieldEvent {
    field: '$.batches[].evidence[].kind'
    value: string
    index: number
  }

  export interface ReplicaFrameBatchesEvidenceMessagesFieldEvent {
    field: '$.batches[].evidence[].messages[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<ReplicaFrame>): Uint8Array {
    return encodeMessage(obj, ReplicaFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReplicaFrame>): ReplicaFrame {
    return decodeMessage(buf, ReplicaFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReplicaFrame>): Generator<ReplicaFramePrePrepareChainIdFieldEvent | ReplicaFramePrePrepareViewFieldEvent | ReplicaFramePrePrepareSeqFieldEvent | ReplicaFramePrePrepareDigestFieldEvent | ReplicaFramePrePrepareReplicaFieldEvent | ReplicaFramePrePrepareSignatureFieldEvent | ReplicaFramePrepareChainIdFieldEvent | ReplicaFramePrepareViewFieldEvent | ReplicaFramePrepareSeqFieldEvent | ReplicaFramePrepareDigestFieldEvent | ReplicaFramePrepareReplicaFieldEvent | ReplicaFramePrepareSignatureFieldEvent | ReplicaFrameCommitChainIdFieldEvent | ReplicaFrameCommitViewFieldEvent | ReplicaFrameCommitSeqFieldEvent | ReplicaFrameCommitDigestFieldEvent | ReplicaFrameCommitReplicaFieldEvent | ReplicaFrameCommitSignatureFieldEvent | ReplicaFrameCheckpointChainIdFieldEvent | ReplicaFrameCheckpointSeqFieldEvent | ReplicaFrameCheckpointBlockHashFieldEvent | ReplicaFrameCheckpointReplicaFieldEvent | ReplicaFrameCheckpointSignatureFieldEvent | ReplicaFrameViewChangeChainIdFieldEvent | ReplicaFrameViewChangeNewViewFieldEvent | ReplicaFrameViewChangeStableSeqFieldEvent | ReplicaFrameViewChangeCheckpointProofChainIdFieldEvent | ReplicaFrameViewChangeCheckpointProofSeqFieldEvent | ReplicaFrameViewChangeCheckpointProofBlockHashFieldEvent | ReplicaFrameViewChangeCheckpointProofReplicaFieldEvent | ReplicaFrameViewChangeCheckpointProofSignatureFieldEvent | ReplicaFrameViewChangePreparedPrePrepareChainIdFieldEvent | ReplicaFrameViewChangePreparedPrePrepareViewFieldEvent | ReplicaFrameViewChangePreparedPrePrepareSeqFieldEvent | ReplicaFrameViewChangePreparedPrePrepareDigestFieldEvent | ReplicaFrameViewChangePreparedPrePrepareReplicaFieldEvent | ReplicaFrameViewChangePreparedPrePrepareSignatureFieldEvent | ReplicaFrameViewChangePreparedPreparesChainIdFieldEvent | ReplicaFrameViewChangePreparedPreparesViewFieldEvent | ReplicaFrameViewChangePreparedPreparesSeqFieldEvent | ReplicaFrameViewChangePreparedPreparesDigestFieldEvent | ReplicaFrameViewChangePreparedPreparesReplicaFieldEvent | ReplicaFrameViewChangePreparedPreparesSignatureFieldEvent | ReplicaFrameViewChangeReplicaFieldEvent | ReplicaFrameViewChangeSignatureFieldEvent | ReplicaFrameNewViewChainIdFieldEvent | ReplicaFrameNewViewViewFieldEvent | ReplicaFrameNewViewViewChangesChainIdFieldEvent | ReplicaFrameNewViewViewChangesNewViewFieldEvent | ReplicaFrameNewViewViewChangesStableSeqFieldEvent | ReplicaFrameNewViewViewChangesCheckpointProofChainIdFieldEvent | ReplicaFrameNewViewViewChangesCheckpointProofSeqFieldEvent | ReplicaFrameNewViewViewChangesCheckpointProofBlockHashFieldEvent | ReplicaFrameNewViewViewChangesCheckpointProofReplicaFieldEvent | ReplicaFrameNewViewViewChangesCheckpointProofSignatureFieldEvent | ReplicaFrameNewViewViewChangesPreparedPrePrepareChainIdFieldEvent | ReplicaFrameNewViewViewChangesPreparedPrePrepareViewFieldEvent | ReplicaFrameNewViewViewChangesPreparedPrePrepareSeqFieldEvent | ReplicaFrameNewViewViewChangesPreparedPrePrepareDigestFieldEvent | ReplicaFrameNewViewViewChangesPreparedPrePrepareReplicaFieldEvent | ReplicaFrameNewViewViewChangesPreparedPrePrepareSignatureFieldEvent | ReplicaFrameNewViewViewChangesPreparedPreparesChainIdFieldEvent | ReplicaFrameNewViewViewChangesPreparedPreparesViewFieldEvent | ReplicaFrameNewViewViewChangesPreparedPreparesSeqFieldEvent | ReplicaFrameNewViewViewChangesPreparedPreparesDigestFieldEvent | ReplicaFrameNewViewViewChangesPreparedPreparesReplicaFieldEvent | ReplicaFrameNewViewViewChangesPreparedPreparesSignatureFieldEvent | ReplicaFrameNewViewViewChangesReplicaFieldEvent | ReplicaFrameNewViewViewChangesSignatureFieldEvent | ReplicaFrameNewViewPrePreparesChainIdFieldEvent | ReplicaFrameNewViewPrePreparesViewFieldEvent | ReplicaFrameNewViewPrePreparesSeqFieldEvent | ReplicaFrameNewViewPrePreparesDigestFieldEvent | ReplicaFrameNewViewPrePreparesReplicaFieldEvent | ReplicaFrameNewViewPrePreparesSignatureFieldEvent | ReplicaFrameNewViewReplicaFieldEvent | ReplicaFrameNewViewSignatureFieldEvent | ReplicaFrameStateRequestChainIdFieldEvent | ReplicaFrameStateRequestFromHeightFieldEvent | ReplicaFrameStateRequestToHeightFieldEvent | ReplicaFrameStateRequestReplicaFieldEvent | ReplicaFrameStateResponseChainIdFieldEvent | ReplicaFrameStateResponseBlocksHeaderChainIdFieldEvent | ReplicaFrameStateResponseBlocksHeaderHeightFieldEvent | ReplicaFrameStateResponseBlocksHeaderViewFieldEvent | ReplicaFrameStateResponseBlocksHeaderPrevHashFieldEvent | ReplicaFrameStateResponseBlocksHeaderTxRootFieldEvent | ReplicaFrameStateResponseBlocksHeaderStateRootFieldEvent | ReplicaFrameStateResponseBlocksHeaderResultsRootFieldEvent | ReplicaFrameStateResponseBlocksHeaderTimestampMsFieldEvent | ReplicaFrameStateResponseBlocksHeaderProposerFieldEvent | ReplicaFrameStateResponseBlocksHeaderEvidenceRootFieldEvent | ReplicaFrameStateResponseBlocksHeaderTxCountFieldEvent | ReplicaFrameStateResponseBlocksHeaderEvidenceCountFieldEvent | ReplicaFrameStateResponseBlocksTxsChainIdFieldEvent | ReplicaFrameStateResponseBlocksTxsClientFieldEvent | ReplicaFrameStateResponseBlocksTxsNonceFieldEvent | ReplicaFrameStateResponseBlocksTxsPayloadFieldEvent | ReplicaFrameStateResponseBlocksTxsSignatureFieldEvent | ReplicaFrameStateResponseBlocksResultsCodeFieldEvent | ReplicaFrameStateResponseBlocksResultsLogFieldEvent | ReplicaFrameStateResponseBlocksCertCommitsChainIdFieldEvent | ReplicaFrameStateResponseBlocksCertCommitsViewFieldEvent | ReplicaFrameStateResponseBlocksCertCommitsSeqFieldEvent | ReplicaFrameStateResponseBlocksCertCommitsDigestFieldEvent | ReplicaFrameStateResponseBlocksCertCommitsReplicaFieldEvent | ReplicaFrameStateResponseBlocksCertCommitsSignatureFieldEvent | ReplicaFrameStateResponseBlocksEvidenceAccusedFieldEvent | ReplicaFrameStateResponseBlocksEvidenceKindFieldEvent | ReplicaFrameStateResponseBlocksEvidenceMessagesFieldEvent | ReplicaFrameStateResponseReplicaFieldEvent | ReplicaFrameStateResponseHeadHeightFieldEvent | ReplicaFrameStateResponsePrunedBelowFieldEvent | ReplicaFrameRequestChainIdFieldEvent | ReplicaFrameRequestClientFieldEvent | ReplicaFrameRequestNonceFieldEvent | ReplicaFrameRequestPayloadFieldEvent | ReplicaFrameRequestSignatureFieldEvent | ReplicaFrameBatchesProposalChainIdFieldEvent | ReplicaFrameBatchesProposalSeqFieldEvent | ReplicaFrameBatchesProposalViewFieldEvent | ReplicaFrameBatchesProposalTimestampMsFieldEvent | ReplicaFrameBatchesProposalProposerFieldEvent | ReplicaFrameBatchesProposalTxRootFieldEvent | ReplicaFrameBatchesProposalTxCountFieldEvent | ReplicaFrameBatchesProposalEvidenceRootFieldEvent | ReplicaFrameBatchesProposalEvidenceCountFieldEvent | ReplicaFrameBatchesTxsChainIdFieldEvent | ReplicaFrameBatchesTxsClientFieldEvent | ReplicaFrameBatchesTxsNonceFieldEvent | ReplicaFrameBatchesTxsPayloadFieldEvent | ReplicaFrameBatchesTxsSignatureFieldEvent | ReplicaFrameBatchesEvidenceAccusedFieldEvent | ReplicaFrameBatchesEvidenceKindFieldEvent | ReplicaFrameBatchesEvidenceMessagesFieldEvent> {
    return streamMessage(buf, ReplicaFrame.codec(), opts)
  }
}

export interface StableCheckpointRecord {
  seq: number
  blockHash: Uint8Array
  proof: Checkpoint[]
}

export namespace StableCheckpointRecord {
  let _codec: Codec<StableCheckpointRecord>

  export const codec = (): Codec<StableCheckpointRecord> => {
    if (_codec == null) {
      _codec = message<StableCheckpointRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.seq)
        }

        if ((obj.blockHash != null && obj.blockHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.blockHash)
        }

        if (obj.proof != null && obj.proof.length > 0) {
          for (const value of obj.proof) {
            w.uint32(26)
            Checkpoint.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          seq: 0,
          blockHash: uint8ArrayAlloc(0),
          proof: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.seq = reader.uint64Number()
              break
            }
            case 2: {
              obj.blockHash = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.proof != null && obj.proof.length === opts.limits.proof) {
                throw new MaxLengthError('Decode error - repeated field "proof" had too many elements')
              }

              obj.proof.push(Checkpoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          proof: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.blockHash`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.proof != null && obj.proof === opts.limits.proof) {
                throw new MaxLengthError('Streaming decode error - repeated field "proof" had too many elements')
              }

              for (const evt of Checkpoint.codec().stream(reader, reader.uint32(), `${prefix}.proof[]`, {
                limits: opts.limits?.proof$
              })) {
                yield {
                  ...evt,
                  index: obj.proof
                }
              }

              obj.proof++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface StableCheckpointRecordSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface StableCheckpointRecordBlockHashFieldEvent {
    field: '$.blockHash'
    value: Uint8Array
  }

  export interface StableCheckpointRecordProofChainIdFieldEvent {
    field: '$.proof[].chainId'
    value: string
    index: number
  }

  export interface StableCheckpointRecordProofSeqFieldEvent {
    field: '$.proof[].seq'
    value: number
    index: number
  }

  export interface StableCheckpointRecordProofBlockHashFieldEvent {
    field: '$.proof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface StableCheckpointRecordProofReplicaFieldEvent {
    field: '$.proof[].replica'
    value: number
    index: number
  }

  export interface StableCheckpointRecordProofSignatureFieldEvent {
    field: '$.proof[].signature'
    value: Uint8Array
    index: number
  }

  export function encode (obj: Partial<StableCheckpointRecord>): Uint8Array {
    return encodeMessage(obj, StableCheckpointRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StableCheckpointRecord>): StableCheckpointRecord {
    return decodeMessage(buf, StableCheckpointRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StableCheckpointRecord>): Generator<StableCheckpointRecordSeqFieldEvent | StableCheckpointRecordBlockHashFieldEvent | StableCheckpointRecordProofChainIdFieldEvent | StableCheckpointRecordProofSeqFieldEvent | StableCheckpointRecordProofBlockHashFieldEvent | StableCheckpointRecordProofReplicaFieldEvent | StableCheckpointRecordProofSignatureFieldEvent> {
    return streamMessage(buf, StableCheckpointRecord.codec(), opts)
  }
}

export interface WalEntry {
  view?: number
  prePrepare?: PrePrepare
  prepare?: Prepare
  commit?: Commit
  prepared?: PreparedCert
  checkpoint?: Checkpoint
  stableCheckpoint?: StableCheckpointRecord
  viewChange?: ViewChange
  newView?: NewView
  batches: Batch[]
}

export namespace WalEntry {
  let _codec: Codec<WalEntry>

  export const codec = (): Codec<WalEntry> => {
    if (_codec == null) {
      _codec = message<WalEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.view != null) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if (obj.prePrepare != null) {
          w.uint32(18)
          PrePrepare.codec().encode(obj.prePrepare, w)
        }

        if (obj.prepare != null) {
          w.uint32(26)
          Prepare.codec().encode(obj.prepare, w)
        }

        if (obj.commit != null) {
          w.uint32(34)
          Commit.codec().encode(obj.commit, w)
        }

        if (obj.prepared != null) {
          w.uint32(42)
          PreparedCert.codec().encode(obj.prepared, w)
        }

        if (obj.checkpoint != null) {
          w.uint32(50)
          Checkpoint.codec().encode(obj.checkpoint, w)
        }

        if (obj.stableCheckpoint != null) {
          w.uint32(58)
          StableCheckpointRecord.codec().encode(obj.stableCheckpoint, w)
        }

        if (obj.viewChange != null) {
          w.uint32(66)
          ViewChange.codec().encode(obj.viewChange, w)
        }

        if (obj.newView != null) {
          w.uint32(74)
          NewView.codec().encode(obj.newView, w)
        }

        if (obj.batches != null && obj.batches.length > 0) {
          for (const value of obj.batches) {
            w.uint32(82)
            Batch.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          batches: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              obj.prePrepare = PrePrepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prePrepare
              })
              break
            }
            case 3: {
              obj.prepare = Prepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepare
              })
              break
            }
            case 4: {
              obj.commit = Commit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commit
              })
              break
            }
            case 5: {
              obj.prepared = PreparedCert.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepared
              })
              break
            }
            case 6: {
              obj.checkpoint = Checkpoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpoint
              })
              break
            }
            case 7: {
              obj.stableCheckpoint = StableCheckpointRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stableCheckpoint
              })
              break
            }
            case 8: {
              obj.viewChange = ViewChange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.viewChange
              })
              break
            }
            case 9: {
              obj.newView = NewView.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.newView
              })
              break
            }
            case 10: {
              if (opts.limits?.batches != null && obj.batches.length === opts.limits.batches) {
                throw new MaxLengthError('Decode error - repeated field "batches" had too many elements')
              }

              obj.batches.push(Batch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.batches$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          batches: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield * PrePrepare.codec().stream(reader, reader.uint32(), `${prefix}.prePrepare`, {
                limits: opts.limits?.prePrepare
              })

              break
            }
            case 3: {
              yield * Prepare.codec().stream(reader, reader.uint32(), `${prefix}.prepare`, {
                limits: opts.limits?.prepare
              })

              break
            }
            case 4: {
              yield * Commit.codec().stream(reader, reader.uint32(), `${prefix}.commit`, {
                limits: opts.limits?.commit
              })

              break
            }
            case 5: {
              yield * PreparedCert.codec().stream(reader, reader.uint32(), `${prefix}.prepared`, {
                limits: opts.limits?.prepared
              })

              break
            }
            case 6: {
              yield * Checkpoint.codec().stream(reader, reader.uint32(), `${prefix}.checkpoint`, {
                limits: opts.limits?.checkpoint
              })

              break
            }
            case 7: {
              yield * StableCheckpointRecord.codec().stream(reader, reader.uint32(), `${prefix}.stableCheckpoint`, {
                limits: opts.limits?.stableCheckpoint
              })

              break
            }
            case 8: {
              yield * ViewChange.codec().stream(reader, reader.uint32(), `${prefix}.viewChange`, {
                limits: opts.limits?.viewChange
              })

              break
            }
            case 9: {
              yield * NewView.codec().stream(reader, reader.uint32(), `${prefix}.newView`, {
                limits: opts.limits?.newView
              })

              break
            }
            case 10: {
              if (opts.limits?.batches != null && obj.batches === opts.limits.batches) {
                throw new MaxLengthError('Streaming decode error - repeated field "batches" had too many elements')
              }

              for (const evt of Batch.codec().stream(reader, reader.uint32(), `${prefix}.batches[]`, {
                limits: opts.limits?.batches$
              })) {
                yield {
                  ...evt,
                  index: obj.batches
                }
              }

              obj.batches++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface WalEntryViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface WalEntryPrePrepareChainIdFieldEvent {
    field: '$.prePrepare.chainId'
    value: string
  }

  export interface WalEntryPrePrepareViewFieldEvent {
    field: '$.prePrepare.view'
    value: number
  }

  export interface WalEntryPrePrepareSeqFieldEvent {
    field: '$.prePrepare.seq'
    value: number
  }

  export interface WalEntryPrePrepareDigestFieldEvent {
    field: '$.prePrepare.digest'
    value: Uint8Array
  }

  export interface WalEntryPrePrepareReplicaFieldEvent {
    field: '$.prePrepare.replica'
    value: number
  }

  export interface WalEntryPrePrepareSignatureFieldEvent {
    field: '$.prePrepare.signature'
    value: Uint8Array
  }

  export interface WalEntryPrepareChainIdFieldEvent {
    field: '$.prepare.chainId'
    value: string
  }

  export interface WalEntryPrepareViewFieldEvent {
    field: '$.prepare.view'
    value: number
  }

  export interface WalEntryPrepareSeqFieldEvent {
    field: '$.prepare.seq'
    value: number
  }

  export interface WalEntryPrepareDigestFieldEvent {
    field: '$.prepare.digest'
    value: Uint8Array
  }

  export interface WalEntryPrepareReplicaFieldEvent {
    field: '$.prepare.replica'
    value: number
  }

  export interface WalEntryPrepareSignatureFieldEvent {
    field: '$.prepare.signature'
    value: Uint8Array
  }

  export interface WalEntryCommitChainIdFieldEvent {
    field: '$.commit.chainId'
    value: string
  }

  export interface WalEntryCommitViewFieldEvent {
    field: '$.commit.view'
    value: number
  }

  export interface WalEntryCommitSeqFieldEvent {
    field: '$.commit.seq'
    value: number
  }

  export interface WalEntryCommitDigestFieldEvent {
    field: '$.commit.digest'
    value: Uint8Array
  }

  export interface WalEntryCommitReplicaFieldEvent {
    field: '$.commit.replica'
    value: number
  }

  export interface WalEntryCommitSignatureFieldEvent {
    field: '$.commit.signature'
    value: Uint8Array
  }

  export interface WalEntryPreparedPrePrepareChainIdFieldEvent {
    field: '$.prepared.prePrepare.chainId'
    value: string
  }

  export interface WalEntryPreparedPrePrepareViewFieldEvent {
    field: '$.prepared.prePrepare.view'
    value: number
  }

  export interface WalEntryPreparedPrePrepareSeqFieldEvent {
    field: '$.prepared.prePrepare.seq'
    value: number
  }

  export interface WalEntryPreparedPrePrepareDigestFieldEvent {
    field: '$.prepared.prePrepare.digest'
    value: Uint8Array
  }

  export interface WalEntryPreparedPrePrepareReplicaFieldEvent {
    field: '$.prepared.prePrepare.replica'
    value: number
  }

  export interface WalEntryPreparedPrePrepareSignatureFieldEvent {
    field: '$.prepared.prePrepare.signature'
    value: Uint8Array
  }

  export interface WalEntryPreparedPreparesChainIdFieldEvent {
    field: '$.prepared.prepares[].chainId'
    value: string
    index: number
  }

  export interface WalEntryPreparedPreparesViewFieldEvent {
    field: '$.prepared.prepares[].view'
    value: number
    index: number
  }

  export interface WalEntryPreparedPreparesSeqFieldEvent {
    field: '$.prepared.prepares[].seq'
    value: number
    index: number
  }

  export interface WalEntryPreparedPreparesDigestFieldEvent {
    field: '$.prepared.prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface WalEntryPreparedPreparesReplicaFieldEvent {
    field: '$.prepared.prepares[].replica'
    value: number
    index: number
  }

  export interface WalEntryPreparedPreparesSignatureFieldEvent {
    field: '$.prepared.prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryCheckpointChainIdFieldEvent {
    field: '$.checkpoint.chainId'
    value: string
  }

  export interface WalEntryCheckpointSeqFieldEvent {
    field: '$.checkpoint.seq'
    value: number
  }

  export interface WalEntryCheckpointBlockHashFieldEvent {
    field: '$.checkpoint.blockHash'
    value: Uint8Array
  }

  export interface WalEntryCheckpointReplicaFieldEvent {
    field: '$.checkpoint.replica'
    value: number
  }

  export interface WalEntryCheckpointSignatureFieldEvent {
    field: '$.checkpoint.signature'
    value: Uint8Array
  }

  export interface WalEntryStableCheckpointSeqFieldEvent {
    field: '$.stableCheckpoint.seq'
    value: number
  }

  export interface WalEntryStableCheckpointBlockHashFieldEvent {
    field: '$.stableCheckpoint.blockHash'
    value: Uint8Array
  }

  export interface WalEntryStableCheckpointProofChainIdFieldEvent {
    field: '$.stableCheckpoint.proof[].chainId'
    value: string
    index: number
  }

  export interface WalEntryStableCheckpointProofSeqFieldEvent {
    field: '$.stableCheckpoint.proof[].seq'
    value: number
    index: number
  }

  export interface WalEntryStableCheckpointProofBlockHashFieldEvent {
    field: '$.stableCheckpoint.proof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface WalEntryStableCheckpointProofReplicaFieldEvent {
    field: '$.stableCheckpoint.proof[].replica'
    value: number
    index: number
  }

  export interface WalEntryStableCheckpointProofSignatureFieldEvent {
    field: '$.stableCheckpoint.proof[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangeChainIdFieldEvent {
    field: '$.viewChange.chainId'
    value: string
  }

  export interface WalEntryViewChangeNewViewFieldEvent {
    field: '$.viewChange.newView'
    value: number
  }

  export interface WalEntryViewChangeStableSeqFieldEvent {
    field: '$.viewChange.stableSeq'
    value: number
  }

  export interface WalEntryViewChangeCheckpointProofChainIdFieldEvent {
    field: '$.viewChange.checkpointProof[].chainId'
    value: string
    index: number
  }

  export interface WalEntryViewChangeCheckpointProofSeqFieldEvent {
    field: '$.viewChange.checkpointProof[].seq'
    value: number
    index: number
  }

  export interface WalEntryViewChangeCheckpointProofBlockHashFieldEvent {
    field: '$.viewChange.checkpointProof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangeCheckpointProofReplicaFieldEvent {
    field: '$.viewChange.checkpointProof[].replica'
    value: number
    index: number
  }

  export interface WalEntryViewChangeCheckpointProofSignatureFieldEvent {
    field: '$.viewChange.checkpointProof[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangePreparedPrePrepareChainIdFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.chainId'
    value: string
    index: number
  }

  export interface WalEntryViewChangePreparedPrePrepareViewFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.view'
    value: number
    index: number
  }

  export interface WalEntryViewChangePreparedPrePrepareSeqFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.seq'
    value: number
    index: number
  }

  export interface WalEntryViewChangePreparedPrePrepareDigestFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.digest'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangePreparedPrePrepareReplicaFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.replica'
    value: number
    index: number
  }

  export interface WalEntryViewChangePreparedPrePrepareSignatureFieldEvent {
    field: '$.viewChange.prepared[].prePrepare.signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangePreparedPreparesChainIdFieldEvent {
    field: '$.viewChange.prepared[].prepares[].chainId'
    value: string
    index: number
  }

  export interface WalEntryViewChangePreparedPreparesViewFieldEvent {
    field: '$.viewChange.prepared[].prepares[].view'
    value: number
    index: number
  }

  export interface WalEntryViewChangePreparedPreparesSeqFieldEvent {
    field: '$.viewChange.prepared[].prepares[].seq'
    value: number
    index: number
  }

  export interface WalEntryViewChangePreparedPreparesDigestFieldEvent {
    field: '$.viewChange.prepared[].prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangePreparedPreparesReplicaFieldEvent {
    field: '$.viewChange.prepared[].prepares[].replica'
    value: number
    index: number
  }

  export interface WalEntryViewChangePreparedPreparesSignatureFieldEvent {
    field: '$.viewChange.prepared[].prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryViewChangeReplicaFieldEvent {
    field: '$.viewChange.replica'
    value: number
  }

  export interface WalEntryViewChangeSignatureFieldEvent {
    field: '$.viewChange.signature'
    value: Uint8Array
  }

  export interface WalEntryNewViewChainIdFieldEvent {
    field: '$.newView.chainId'
    value: string
  }

  export interface WalEntryNewViewViewFieldEvent {
    field: '$.newView.view'
    value: number
  }

  export interface WalEntryNewViewViewChangesChainIdFieldEvent {
    field: '$.newView.viewChanges[].chainId'
    value: string
    index: number
  }

  export interface WalEntryNewViewViewChangesNewViewFieldEvent {
    field: '$.newView.viewChanges[].newView'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesStableSeqFieldEvent {
    field: '$.newView.viewChanges[].stableSeq'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesCheckpointProofChainIdFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].chainId'
    value: string
    index: number
  }

  export interface WalEntryNewViewViewChangesCheckpointProofSeqFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].seq'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesCheckpointProofBlockHashFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].blockHash'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewViewChangesCheckpointProofReplicaFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].replica'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesCheckpointProofSignatureFieldEvent {
    field: '$.newView.viewChanges[].checkpointProof[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPrePrepareChainIdFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.chainId'
    value: string
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPrePrepareViewFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.view'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPrePrepareSeqFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.seq'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPrePrepareDigestFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.digest'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPrePrepareReplicaFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.replica'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPrePrepareSignatureFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prePrepare.signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPreparesChainIdFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].chainId'
    value: string
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPreparesViewFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].view'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPreparesSeqFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].seq'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPreparesDigestFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPreparesReplicaFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].replica'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesPreparedPreparesSignatureFieldEvent {
    field: '$.newView.viewChanges[].prepared[].prepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewViewChangesReplicaFieldEvent {
    field: '$.newView.viewChanges[].replica'
    value: number
    index: number
  }

  export interface WalEntryNewViewViewChangesSignatureFieldEvent {
    field: '$.newView.viewChanges[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewPrePreparesChainIdFieldEvent {
    field: '$.newView.prePrepares[].chainId'
    value: string
    index: number
  }

  export interface WalEntryNewViewPrePreparesViewFieldEvent {
    field: '$.newView.prePrepares[].view'
    value: number
    index: number
  }

  export interface WalEntryNewViewPrePreparesSeqFieldEvent {
    field: '$.newView.prePrepares[].seq'
    value: number
    index: number
  }

  export interface WalEntryNewViewPrePreparesDigestFieldEvent {
    field: '$.newView.prePrepares[].digest'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewPrePreparesReplicaFieldEvent {
    field: '$.newView.prePrepares[].replica'
    value: number
    index: number
  }

  export interface WalEntryNewViewPrePreparesSignatureFieldEvent {
    field: '$.newView.prePrepares[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryNewViewReplicaFieldEvent {
    field: '$.newView.replica'
    value: number
  }

  export interface WalEntryNewViewSignatureFieldEvent {
    field: '$.newView.signature'
    value: Uint8Array
  }

  export interface WalEntryBatchesProposalChainIdFieldEvent {
    field: '$.batches[].proposal.chainId'
    value: string
    index: number
  }

  export interface WalEntryBatchesProposalSeqFieldEvent {
    field: '$.batches[].proposal.seq'
    value: number
    index: number
  }

  export interface WalEntryBatchesProposalViewFieldEvent {
    field: '$.batches[].proposal.view'
    value: number
    index: number
  }

  export interface WalEntryBatchesProposalTimestampMsFieldEvent {
    field: '$.batches[].proposal.timestampMs'
    value: number
    index: number
  }

  export interface WalEntryBatchesProposalProposerFieldEvent {
    field: '$.batches[].proposal.proposer'
    value: number
    index: number
  }

  export interface WalEntryBatchesProposalTxRootFieldEvent {
    field: '$.batches[].proposal.txRoot'
    value: Uint8Array
    index: number
  }

  export interface WalEntryBatchesProposalTxCountFieldEvent {
    field: '$.batches[].proposal.txCount'
    value: number
    index: number
  }

  export interface WalEntryBatchesProposalEvidenceRootFieldEvent {
    field: '$.batches[].proposal.evidenceRoot'
    value: Uint8Array
    index: number
  }

  export interface WalEntryBatchesProposalEvidenceCountFieldEvent {
    field: '$.batches[].proposal.evidenceCount'
    value: number
    index: number
  }

  export interface WalEntryBatchesTxsChainIdFieldEvent {
    field: '$.batches[].txs[].chainId'
    value: string
    index: number
  }

  export interface WalEntryBatchesTxsClientFieldEvent {
    field: '$.batches[].txs[].client'
    value: Uint8Array
    index: number
  }

  export interface WalEntryBatchesTxsNonceFieldEvent {
    field: '$.batches[].txs[].nonce'
    value: number
    index: number
  }

  export interface WalEntryBatchesTxsPayloadFieldEvent {
    field: '$.batches[].txs[].payload'
    value: Uint8Array
    index: number
  }

  export interface WalEntryBatchesTxsSignatureFieldEvent {
    field: '$.batches[].txs[].signature'
    value: Uint8Array
    index: number
  }

  export interface WalEntryBatchesEvidenceAccusedFieldEvent {
    field: '$.batches[].evidence[].accused'
    value: number
    index: number
  }

  export interface WalEntryBatchesEvidenceKindFieldEvent {
    field: '$.batches[].evidence[].kind'
    value: string
    index: number
  }

  export interface WalEntryBatchesEvidenceMessagesFieldEvent {
    field: '$.batches[].evidence[].messages[]'
    index: number
    value: Uint8Array
  }

  export function encode (obj: Partial<WalEntry>): Uint8Array {
    return encodeMessage(obj, WalEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WalEntry>): WalEntry {
    return decodeMessage(buf, WalEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WalEntry>): Generator<WalEntryViewFieldEvent | WalEntryPrePrepareChainIdFieldEvent | WalEntryPrePrepareViewFieldEvent | WalEntryPrePrepareSeqFieldEvent | WalEntryPrePrepareDigestFieldEvent | WalEntryPrePrepareReplicaFieldEvent | WalEntryPrePrepareSignatureFieldEvent | WalEntryPrepareChainIdFieldEvent | WalEntryPrepareViewFieldEvent | WalEntryPrepareSeqFieldEvent | WalEntryPrepareDigestFieldEvent | WalEntryPrepareReplicaFieldEvent | WalEntryPrepareSignatureFieldEvent | WalEntryCommitChainIdFieldEvent | WalEntryCommitViewFieldEvent | WalEntryCommitSeqFieldEvent | WalEntryCommitDigestFieldEvent | WalEntryCommitReplicaFieldEvent | WalEntryCommitSignatureFieldEvent | WalEntryPreparedPrePrepareChainIdFieldEvent | WalEntryPreparedPrePrepareViewFieldEvent | WalEntryPreparedPrePrepareSeqFieldEvent | WalEntryPreparedPrePrepareDigestFieldEvent | WalEntryPreparedPrePrepareReplicaFieldEvent | WalEntryPreparedPrePrepareSignatureFieldEvent | WalEntryPreparedPreparesChainIdFieldEvent | WalEntryPreparedPreparesViewFieldEvent | WalEntryPreparedPreparesSeqFieldEvent | WalEntryPreparedPreparesDigestFieldEvent | WalEntryPreparedPreparesReplicaFieldEvent | WalEntryPreparedPreparesSignatureFieldEvent | WalEntryCheckpointChainIdFieldEvent | WalEntryCheckpointSeqFieldEvent | WalEntryCheckpointBlockHashFieldEvent | WalEntryCheckpointReplicaFieldEvent | WalEntryCheckpointSignatureFieldEvent | WalEntryStableCheckpointSeqFieldEvent | WalEntryStableCheckpointBlockHashFieldEvent | WalEntryStableCheckpointProofChainIdFieldEvent | WalEntryStableCheckpointProofSeqFieldEvent | WalEntryStableCheckpointProofBlockHashFieldEvent | WalEntryStableCheckpointProofReplicaFieldEvent | WalEntryStableCheckpointProofSignatureFieldEvent | WalEntryViewChangeChainIdFieldEvent | WalEntryViewChangeNewViewFieldEvent | WalEntryViewChangeStableSeqFieldEvent | WalEntryViewChangeCheckpointProofChainIdFieldEvent | WalEntryViewChangeCheckpointProofSeqFieldEvent | WalEntryViewChangeCheckpointProofBlockHashFieldEvent | WalEntryViewChangeCheckpointProofReplicaFieldEvent | WalEntryViewChangeCheckpointProofSignatureFieldEvent | WalEntryViewChangePreparedPrePrepareChainIdFieldEvent | WalEntryViewChangePreparedPrePrepareViewFieldEvent | WalEntryViewChangePreparedPrePrepareSeqFieldEvent | WalEntryViewChangePreparedPrePrepareDigestFieldEvent | WalEntryViewChangePreparedPrePrepareReplicaFieldEvent | WalEntryViewChangePreparedPrePrepareSignatureFieldEvent | WalEntryViewChangePreparedPreparesChainIdFieldEvent | WalEntryViewChangePreparedPreparesViewFieldEvent | WalEntryViewChangePreparedPreparesSeqFieldEvent | WalEntryViewChangePreparedPreparesDigestFieldEvent | WalEntryViewChangePreparedPreparesReplicaFieldEvent | WalEntryViewChangePreparedPreparesSignatureFieldEvent | WalEntryViewChangeReplicaFieldEvent | WalEntryViewChangeSignatureFieldEvent | WalEntryNewViewChainIdFieldEvent | WalEntryNewViewViewFieldEvent | WalEntryNewViewViewChangesChainIdFieldEvent | WalEntryNewViewViewChangesNewViewFieldEvent | WalEntryNewViewViewChangesStableSeqFieldEvent | WalEntryNewViewViewChangesCheckpointProofChainIdFieldEvent | WalEntryNewViewViewChangesCheckpointProofSeqFieldEvent | WalEntryNewViewViewChangesCheckpointProofBlockHashFieldEvent | WalEntryNewViewViewChangesCheckpointProofReplicaFieldEvent | WalEntryNewViewViewChangesCheckpointProofSignatureFieldEvent | WalEntryNewViewViewChangesPreparedPrePrepareChainIdFieldEvent | WalEntryNewViewViewChangesPreparedPrePrepareViewFieldEvent | WalEntryNewViewViewChangesPreparedPrePrepareSeqFieldEvent | WalEntryNewViewViewChangesPreparedPrePrepareDigestFieldEvent | WalEntryNewViewViewChangesPreparedPrePrepareReplicaFieldEvent | WalEntryNewViewViewChangesPreparedPrePrepareSignatureFieldEvent | WalEntryNewViewViewChangesPreparedPreparesChainIdFieldEvent | WalEntryNewViewViewChangesPreparedPreparesViewFieldEvent | WalEntryNewViewViewChangesPreparedPreparesSeqFieldEvent | WalEntryNewViewViewChangesPreparedPreparesDigestFieldEvent | WalEntryNewViewViewChangesPreparedPreparesReplicaFieldEvent | WalEntryNewViewViewChangesPreparedPreparesSignatureFieldEvent | WalEntryNewViewViewChangesReplicaFieldEvent | WalEntryNewViewViewChangesSignatureFieldEvent | WalEntryNewViewPrePreparesChainIdFieldEvent | WalEntryNewViewPrePreparesViewFieldEvent | WalEntryNewViewPrePreparesSeqFieldEvent | WalEntryNewViewPrePreparesDigestFieldEvent | WalEntryNewViewPrePreparesReplicaFieldEvent | WalEntryNewViewPrePreparesSignatureFieldEvent | WalEntryNewViewReplicaFieldEvent | WalEntryNewViewSignatureFieldEvent | WalEntryBatchesProposalChainIdFieldEvent | WalEntryBatchesProposalSeqFieldEvent | WalEntryBatchesProposalViewFieldEvent | WalEntryBatchesProposalTimestampMsFieldEvent | WalEntryBatchesProposalProposerFieldEvent | WalEntryBatchesProposalTxRootFieldEvent | WalEntryBatchesProposalTxCountFieldEvent | WalEntryBatchesProposalEvidenceRootFieldEvent | WalEntryBatchesProposalEvidenceCountFieldEvent | WalEntryBatchesTxsChainIdFieldEvent | WalEntryBatchesTxsClientFieldEvent | WalEntryBatchesTxsNonceFieldEvent | WalEntryBatchesTxsPayloadFieldEvent | WalEntryBatchesTxsSignatureFieldEvent | WalEntryBatchesEvidenceAccusedFieldEvent | WalEntryBatchesEvidenceKindFieldEvent | WalEntryBatchesEvidenceMessagesFieldEvent> {
    return streamMessage(buf, WalEntry.codec(), opts)
  }
}
