// SIGKILL a real replica over and over while the others commit (issue 4): every restart must
// rejoin and catch up, and at the end its ledger must be identical to the others'.
//   npm run build && node dist/scripts/kill-loop.js --cycles 100
import '../src/polyfill.js'
import { compareLedgers } from './compare-ledgers.js'
import { apiUrl, getJson } from '../src/cluster/http.js'
import { stopReplicaProcess } from '../src/cluster/processes.js'
import { cleanup, clients, kill, start, startCluster, waitDead, waitFor } from '../test/e2e/harness.js'

const i = process.argv.indexOf('--cycles')
const cycles = i >= 0 ? Number(process.argv[i + 1]) : 100
const cl = await startCluster(4)
const height = async (id: number): Promise<number> => ((await getJson(`${apiUrl(cl.genesis, id)}/status`, 1000).catch(() => ({ height: -1 }))) as { height: number }).height
try {
  const cs = await clients(cl, 2)
  let stop = false
  let committed = 0
  const load = Promise.all(cs.map(async ({ client, to }) => {
    while (!stop) { await client.transfer(to, 1n).then(() => { committed++ }, () => {}) }
  }))
  const victim = 3
  const t0 = Date.now()
  for (let c = 1; c <= cycles; c++) {
    await new Promise(resolve => setTimeout(resolve, 100 + Math.floor(Math.random() * 400)))
    kill(cl, victim)
    await waitDead(cl, victim)
    start(cl, victim)
    const target = Math.max(await height(0), await height(1))
    await waitFor(async () => (await height(victim)) >= target, 60_000, `replica ${victim} to catch up to ${target} (cycle ${c})`)
    if (c % 10 === 0) process.stdout.write(`cycle ${c}: replica ${victim} at height ${await height(victim)}, ${committed} transfers committed\n`)
  }
  stop = true
  await load
  await Promise.all(cs.map(async ({ client }) => { await client.close() }))
  await waitFor(async () => new Set(await Promise.all([0, 1, 2, 3].map(height))).size === 1, 30_000, 'equal heights').catch(() => {})
  await Promise.all([0, 1, 2, 3].map(async id => await stopReplicaProcess(cl.c, id)))
  const r = await compareLedgers(cl.c.dir)
  process.stdout.write(`${cycles} SIGKILL cycles in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${committed} transfers committed meanwhile; ${r.report}\n`)
  if (!r.ok) process.exitCode = 1
} catch (err) {
  process.stdout.write(`FAILED: ${err instanceof Error ? err.message : String(err)}\n`)
  for (const id of [0, 1, 2, 3]) process.stdout.write(`replica ${id}: ${JSON.stringify(await getJson(`${apiUrl(cl.genesis, id)}/status`, 1000).catch(e => String(e)))}\n`.slice(0, 600) + '\n')
  process.stdout.write(`logs: ${cl.c.dir}/logs\n`)
  process.exitCode = 1
} finally {
  if (process.env.KEEP === undefined) cleanup(cl)
}
