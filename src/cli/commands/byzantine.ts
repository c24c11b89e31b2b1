// `pbft byzantine set|clear`: switch a running replica's traitor mode with a command signed by
// the admin key from genesis (the replica refuses any other signature).
import type { Command } from 'commander'
import { TRAITOR_MODES, parseModes } from '../../byzantine/modes.js'
import { sendAdmin } from '../../cluster/admin.js'
import { loadKeyFile } from '../../crypto/keyfile.js'
import { loadCluster, parseIntOption } from '../common.js'

export function register (program: Command): void {
  const byz = program.command('byzantine').description('switch a replica into a traitor mode at runtime (signed with the admin key)')
  byz.command('set')
    .description(`make a replica lie; modes: ${Object.keys(TRAITOR_MODES).join(', ')}`)
    .requiredOption('--dir <dir>', 'cluster directory')
    .requiredOption('--replica <i>', 'replica id', parseIntOption('--replica', 0, 63))
    .requiredOption('--mode <modes>', 'one mode, or several joined with +')
    .option('--targets <ids>', 'comma-separated replica ids that receive the lies (default: every other replica)')
    .option('--from-height <h>', 'lie only from this height on', parseIntOption('--from-height', 0), 0)
    .action(async (o: { dir: string, replica: number, mode: string, targets?: string, fromHeight: number }) => {
      const { c, genesis } = loadCluster(o.dir)
      const modes = parseModes(o.mode.split('+'))
      const targets = o.targets === undefined ? [] : o.targets.split(',').map(t => parseIntOption('--targets', 0, 63)(t.trim()))
      await sendAdmin(genesis, loadKeyFile(c.adminKey).seed, o.replica, 'set', modes, targets, o.fromHeight)
      process.stdout.write(`replica ${o.replica} is now a traitor: ${modes.join(' + ')}\n`)
      for (const m of modes) process.stdout.write(`  ${m}: ${TRAITOR_MODES[m]}\n`)
    })
  byz.command('clear')
    .description('make a replica honest again')
    .requiredOption('--dir <dir>', 'cluster directory')
    .requiredOption('--replica <i>', 'replica id', parseIntOption('--replica', 0, 63))
    .action(async (o: { dir: string, replica: number }) => {
      const { c, genesis } = loadCluster(o.dir)
      await sendAdmin(genesis, loadKeyFile(c.adminKey).seed, o.replica, 'clear', [])
      process.stdout.write(`replica ${o.replica} is honest again\n`)
    })
}
