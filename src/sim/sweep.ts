// Runs many seeds across worker threads and summarises them.
import { Worker } from 'node:worker_threads'
import { cpus } from 'node:os'
import type { SeedResult, SimOptions } from './run.js'

export interface Summary {
  seeds: number, blocks: number, viewChanges: number, txsCommitted: number, safetyViolations: number, livenessFailures: number
  faults: { dropped: number, duplicated: number, crashes: number, partitions: number, failedWrites: number, tornWrites: number }, traitorRuns: number, evidence: number
  /** Receipts checked offline (one per accepted reply set) and replies the clients refused. */
  receipts: number, invalidReplies: number
  failedSeeds: number[], wallMs: number
}

export function summarise (results: SeedResult[], wallMs: number): Summary {
  const s: Summary = { seeds: 0, blocks: 0, viewChanges: 0, txsCommitted: 0, safetyViolations: 0, livenessFailures: 0, faults: { dropped: 0, duplicated: 0, crashes: 0, partitions: 0, failedWrites: 0, tornWrites: 0 }, traitorRuns: 0, evidence: 0, receipts: 0, invalidReplies: 0, failedSeeds: [], wallMs }
  for (const r of results) {
    s.seeds++
    s.blocks += r.blocks
    s.viewChanges += r.viewChanges
    s.txsCommitted += r.txsCommitted
    s.faults.dropped += r.faults.dropped; s.faults.duplicated += r.faults.duplicated; s.faults.crashes += r.faults.crashes; s.faults.partitions += r.faults.partitions
    s.faults.failedWrites += r.faults.failedWrites; s.faults.tornWrites += r.faults.tornWrites
    if (r.traitors.length > 0) s.traitorRuns++
    s.evidence += r.evidence.length
    s.receipts += r.receipts
    s.invalidReplies += r.invalidReplies
    const live = r.violations.filter(v => v.startsWith('liveness')).length
    s.livenessFailures += live
    s.safetyViolations += r.violations.length - live
    if (r.violations.length > 0) s.failedSeeds.push(r.seed)
  }
  return s
}

/** Situations (situations.ts) reached over all runs, summed. */
export function sumSituations (results: SeedResult[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const r of results) for (const [k, v] of Object.entries(r.situations)) out[k] = (out[k] ?? 0) + v
  return out
}

/** Seeds [from, to] over `workers` threads; `onResult` sees each result as it arrives. */
export async function sweep (from: number, to: number, opts: SimOptions, onResult: (r: SeedResult) => void, workers = Math.max(1, cpus().length)): Promise<SeedResult[]> {
  const seeds = [...Array(to - from + 1).keys()].map(i => from + i)
  const results: SeedResult[] = []
  const url = new URL('./sweep-worker.js', import.meta.url)
  await Promise.all([...Array(Math.min(workers, seeds.length)).keys()].map(async w => {
    const mine = seeds.filter((_, i) => i % workers === w)
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(url, { workerData: { seeds: mine, opts: { ...opts, traitors: opts.traitors instanceof Map ? [...opts.traitors] : opts.traitors } } })
      worker.on('message', (r: SeedResult) => { results.push(r); onResult(r) })
      worker.on('error', reject)
      worker.on('exit', code => { code === 0 ? resolve() : reject(new Error(`simulation worker exited with ${code}`)) })
    })
  }))
  return results.sort((a, b) => a.seed - b.seed)
}
