// Per-process CPU and memory from /proc (Linux): what a replica process costs, read from
// outside it so the measurement does not disturb it.
import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** User + system CPU seconds the process has used, or undefined if it is gone. */
export function cpuSeconds (pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
  } catch {
    return undefined
  }
}

/** Resident set size now and its peak (VmHWM), in MiB. */
export function memoryMiB (pid: number): { rss: number, peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
  } catch {
    return undefined
  }
}
