import type { Command } from 'commander'
import { apiUrl, CliError, getJson, loadCluster } from '../common.js'
import { isAlive, logTail, readPid, REPLICA_START_TIMEOUT_MS, startReplicaProcess, stopReplicaProcess, waitListening } from '../../cluster/processes.js'

interface Status { view: number, role: string, height: number, stableCheckpoint: number, peersConnected: number[], traitor: { modes: string[] }, pendingRequests: number }

export async function clusterStatus (dir: string): Promise<Array<{ id: number, pid?: number, up: boolean, status?: Status, error?: string }>> {
  const { c, genesis } = loadCluster(dir)
  return await Promise.all(genesis.replicas.map(async r => {
    const pid = readPid(c, r.id)
    try {
      const status = await getJson(`${apiUrl(genesis, r.id)}/status`, 1000) as Status
      return { id: r.id, pid, up: true, status }
    } catch (err) {
      return { id: r.id, pid, up: false, error: err instanceof Error ? err.message : String(err) }
    }
  }))
}

export function register (program: Command): void {
  const cluster = program.command('cluster').description('start, stop and inspect the replicas of a local cluster')
  cluster.command('up')
    .description('start every replica in the background (logs and PIDs under DIR) and wait until each answers /status; exits 1 if one does not')
    .requiredOption('--dir <dir>', 'cluster directory')
    .action(async (o: { dir: string }) => {
      const { c, genesis } = loadCluster(o.dir)
      const started = genesis.replicas.map(r => ({ id: r.id, pid: startReplicaProcess(c, r.id) }))
      const outcomes = await Promise.all(started.map(async r => await waitListening(r.pid, apiUrl(genesis, r.id), { id: r.id, chainId: genesis.chainId })))
      const failed: number[] = []
      for (const [i, { id, pid }] of started.entries()) {
        const outcome = outcomes[i]
        if (outcome === 'listening') {
          process.stdout.write(`replica ${id}: pid ${pid}, api ${apiUrl(genesis, id)}, log ${c.log(id)}\n`)
          continue
        }
        failed.push(id)
        const what = outcome === 'exited' ? `exited during start-up (pid ${pid})` : `pid ${pid} is running but did not answer ${apiUrl(genesis, id)}/status within ${REPLICA_START_TIMEOUT_MS / 1000} s`
        process.stderr.write(`replica ${id}: ${what}; the end of ${c.log(id)}:\n${logTail(c, id).replace(/^/gm, '  ')}\n`)
      }
      if (failed.length > 0) {
        throw new CliError(`replica${failed.length > 1 ? 's' : ''} ${failed.join(', ')} did not start (the others are running: fix it and run cluster up again, or cluster down)`)
      }
    })
  cluster.command('down')
    .description('stop every replica (SIGTERM, then SIGKILL after 5 s)')
    .requiredOption('--dir <dir>', 'cluster directory')
    .action(async (o: { dir: string }) => {
      const { c, genesis } = loadCluster(o.dir)
      const results = await Promise.all(genesis.replicas.map(async r => [r.id, await stopReplicaProcess(c, r.id)] as const))
      for (const [id, how] of results) process.stdout.write(`replica ${id}: ${how}\n`)
    })
  cluster.command('status')
    .description('a status table of every replica')
    .requiredOption('--dir <dir>', 'cluster directory')
    .action(async (o: { dir: string }) => {
      const { c } = loadCluster(o.dir)
      const rows = await clusterStatus(o.dir)
      process.stdout.write('id  pid      state  role     view  height  stable  peers  pending  traitor\n')
      for (const r of rows) {
        const pid = r.pid !== undefined ? String(r.pid) + (isAlive(r.pid) ? '' : '?') : '-'
        const s = r.status
        process.stdout.write(`${String(r.id).padEnd(4)}${pid.padEnd(9)}${(r.up ? 'up' : 'down').padEnd(7)}` +
          (s === undefined ? '\n' : `${s.role.padEnd(9)}${String(s.view).padEnd(6)}${String(s.height).padEnd(8)}${String(s.stableCheckpoint).padEnd(8)}${String(s.peersConnected.length).padEnd(7)}${String(s.pendingRequests).padEnd(9)}${s.traitor.modes.join(',') || '-'}\n`))
      }
      void c
    })
}
