// `pbft dashboard`: the live web page of a cluster (replicas, pipeline, view changes, evidence,
// blocks, throughput) with controls to switch traitor modes, kill/restart replicas and submit
// transfers. The admin key stays in this process; the page only sees the cluster's state.
import type { Command } from 'commander'
import { startDashboard, type Dashboard } from '../../dashboard/server.js'
import type { ClusterDir } from '../../cluster/cluster-dir.js'
import type { Genesis } from '../../ledger/genesis.js'
import { CliError, loadCluster, parseIntOption } from '../common.js'

export const DASHBOARD_PORT = 7080

/** Starts the dashboard, turning a busy port into a clear error. */
export async function openDashboard (c: ClusterDir, genesis: Genesis, port: number, processes = true): Promise<Dashboard> {
  try {
    return await startDashboard({ c, genesis, port, processes })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${port} is in use; pass --dashboard-port (or --port) with another one, or 0 for any free port`)
    throw err
  }
}

export function register (program: Command): void {
  program.command('dashboard')
    .description('serve the live dashboard of a cluster on localhost (the admin key signs traitor switches here, never in the browser)')
    .requiredOption('--dir <dir>', 'cluster directory')
    .option('--port <port>', 'port to listen on (0 = any free port)', parseIntOption('--port', 0, 65535), DASHBOARD_PORT)
    .option('--no-processes', 'do not offer kill/restart (the replicas are not local processes of this directory)')
    .action(async (o: { dir: string, port: number, processes: boolean }) => {
      const { c, genesis } = loadCluster(o.dir)
      const d = await openDashboard(c, genesis, o.port, o.processes)
      process.stdout.write(`dashboard of ${genesis.chainId}: ${d.url}   (Ctrl-C stops it)\n`)
      const stop = (): void => { void d.close().then(() => process.exit(0)) }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
}
