// `pbft start` (npm start): a local cluster, its URLs, and a demo client printing commits.
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { loadKeyFile } from '../../crypto/keyfile.js'
import { loadGenesis, type Genesis } from '../../ledger/genesis.js'
import { clusterDir, type ClusterDir } from '../../cluster/cluster-dir.js'
import type { Dashboard } from '../../dashboard/server.js'
import { apiUrl, CliError, connectClient, parseIntOption } from '../common.js'
import { initCluster } from '../init.js'
import { logTail, startReplicaProcess, stopReplicaProcess, waitListening } from '../../cluster/processes.js'
import { DASHBOARD_PORT, openDashboard } from './dashboard.js'

/** The flags of `pbft start`, as commander gives them. */
interface StartFlags { dir: string, keys: string, replicas: number, basePort: number, rate: number, dashboardPort: number, dashboard: boolean }

export function register (program: Command): void {
  program.command('start')
    .description('run a local cluster (creating it the first time), print its URLs, and submit demo transfers; Ctrl-C stops everything')
    .option('--dir <dir>', 'cluster directory', 'cluster')
    .option('--keys <dir>', 'key directory used when the cluster is created', 'keys')
    .option('--replicas <n>', 'replicas when the cluster is created', parseIntOption('--replicas', 4, 64), 4)
    .option('--base-port <port>', 'first port when the cluster is created', parseIntOption('--base-port', 1024, 65000), 7100)
    .option('--rate <tx/s>', 'demo transfers per second', parseIntOption('--rate', 0, 10_000), 5)
    .option('--dashboard-port <port>', 'port of the dashboard (0 = any free port)', parseIntOption('--dashboard-port', 0, 65535), DASHBOARD_PORT)
    .option('--no-dashboard', 'do not serve the dashboard')
    .action(async (o: StartFlags) => {
      const { c, genesis } = await openOrCreateCluster(o)
      const dashboard = o.dashboard ? await openDashboard(c, genesis, o.dashboardPort) : undefined
      const running = startProcesses(c, genesis, dashboard)
      await waitForReplicas(c, genesis, running)
      printUrls(c, genesis, dashboard, o.dir)
      if (o.rate === 0 || genesis.accounts.length < 2) return await new Promise(() => {})
      await demoTransfers(c, genesis, o.rate, () => running.stopping)
    })
}

/** The cluster in --dir, created there (with keys in --keys) the first time. */
async function openOrCreateCluster (o: StartFlags): Promise<{ c: ClusterDir, genesis: Genesis }> {
  let c = clusterDir(o.dir, existsSync(`${o.dir}/genesis.json`) ? undefined : o.keys)
  if (!existsSync(c.genesis)) {
    const made = await initCluster({ dir: o.dir, keys: o.keys, replicas: o.replicas, basePort: o.basePort, accounts: 4, host: '127.0.0.1', balance: 1_000_000_000n })
    c = made.c
    process.stdout.write(`created a ${o.replicas}-replica cluster in ${c.dir} (keys in ${c.keysDir})\n`)
  }
  const genesis = loadGenesis(c.genesis)
  if (genesis.replicas.length !== o.replicas && process.argv.includes('--replicas')) {
    throw new CliError(`${c.dir} holds a ${genesis.replicas.length}-replica cluster; remove it or pass --dir for a new one`)
  }
  return { c, genesis }
}

/** The replica processes, started; SIGINT and SIGTERM stop them and the dashboard, then exit. */
interface Running { pids: number[], stopAll: () => Promise<void>, stopping: boolean }

function startProcesses (c: ClusterDir, genesis: Genesis, dashboard: Dashboard | undefined): Running {
  const running: Running = {
    pids: genesis.replicas.map(r => startReplicaProcess(c, r.id)),
    stopAll: async () => {
      await dashboard?.close()
      await Promise.all(genesis.replicas.map(async r => await stopReplicaProcess(c, r.id)))
    },
    stopping: false
  }
  const onSignal = (): void => {
    if (running.stopping) return
    running.stopping = true
    process.stdout.write('\nstopping the cluster...\n')
    void running.stopAll().then(() => { process.exit(0) })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return running
}

/** Waits until every replica answers /status; if one exits or never answers, stops them all and shows its log. */
async function waitForReplicas (c: ClusterDir, genesis: Genesis, running: Running): Promise<void> {
  const outcomes = await Promise.all(genesis.replicas.map(async r => await waitListening(running.pids[r.id] as number, apiUrl(genesis, r.id), { id: r.id, chainId: genesis.chainId })))
  const bad = outcomes.findIndex(x => x !== 'listening')
  if (bad < 0) return
  await running.stopAll()
  throw new CliError(`replica ${bad} ${outcomes[bad] === 'exited' ? 'exited during start-up' : 'did not answer /status in time'}; the end of ${c.log(bad)}:\n${logTail(c, bad)}`)
}

function printUrls (c: ClusterDir, genesis: Genesis, dashboard: Dashboard | undefined, dir: string): void {
  process.stdout.write(`cluster ${genesis.chainId}: ${genesis.replicas.length} replicas (f = ${genesis.f})\n`)
  for (const r of genesis.replicas) process.stdout.write(`  replica ${r.id}: ${apiUrl(genesis, r.id)}/status  metrics: ${apiUrl(genesis, r.id)}/metrics  log: ${c.log(r.id)}\n`)
  if (dashboard !== undefined) process.stdout.write(`dashboard: ${dashboard.url}  (watch the replicas, switch traitor modes, kill/restart replicas)\n`)
  process.stdout.write(`try: node bin/pbft cluster status --dir ${dir}   |   Ctrl-C stops everything\n\n`)
}

/** Transfers of 1 from demo account 0 to account 1, `rate` a second, each commit printed, until stopping. */
async function demoTransfers (c: ClusterDir, genesis: Genesis, rate: number, stopping: () => boolean): Promise<void> {
  const keys = [0, 1].map(k => loadKeyFile(c.accountKey(k)))
  const client = await connectClient(genesis, keys[0]!.seed)
  const to = keys[1]!.publicKey
  for (let i = 1; !stopping(); i++) {
    const t0 = Date.now()
    try {
      const p = await client.transfer(to, 1n)
      process.stdout.write(`commit #${i}: tx ${p.txId.slice(0, 16)}… in block ${p.height}, ${Date.now() - t0} ms, proof from replicas ${p.replicas.join(',')}\n`)
    } catch (err) {
      if (!stopping()) process.stdout.write(`transfer #${i} failed: ${err instanceof Error ? err.message : String(err)}\n`)
    }
    await new Promise(resolve => setTimeout(resolve, Math.max(0, 1000 / rate - (Date.now() - t0))))
  }
}
