import '../polyfill.js'
import { parentPort, workerData } from 'node:worker_threads'
import { runSeed, type SimOptions } from './run.js'

const { seeds, opts } = workerData as { seeds: number[], opts: SimOptions & { traitors?: unknown } }
const o: SimOptions = { ...opts, traitors: Array.isArray(opts.traitors) ? new Map(opts.traitors as Array<[number, never]>) : opts.traitors as SimOptions['traitors'] }
for (const seed of seeds) {
  const r = await runSeed(seed, o)
  parentPort?.postMessage({ ...r, trace: [] })
}
