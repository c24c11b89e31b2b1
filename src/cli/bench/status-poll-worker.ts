// The /status poller's thread: it runs apart from the load generator, so the latency it records
// is the replicas' and not the delay of the bench's own busy event loop. Posts one StatusSample
// per poll; stops after the poll in progress when told 'stop', then posts 'done'.
import { parentPort, workerData } from 'node:worker_threads'
import type { StatusPollConfig, StatusSample } from './status.js'

const clock = (): number => performance.timeOrigin + performance.now()
const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

async function poll (port: NonNullable<typeof parentPort>, cfg: StatusPollConfig, replica: number, stopped: () => boolean): Promise<void> {
  const url = cfg.urls[replica] as string
  while (!stopped()) {
    const atMs = clock()
    let ms: number | null = null
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(cfg.abortMs) })
      await res.arrayBuffer()
      if (res.ok) ms = clock() - atMs
    } catch { /* aborted or refused: a miss */ }
    const sample: StatusSample = { replica, atMs, ms }
    port.postMessage(sample)
    await sleep(Math.max(0, cfg.intervalMs - (clock() - atMs)))
  }
}

if (parentPort !== null) {
  const port = parentPort
  const cfg = workerData as StatusPollConfig
  let stopped = false
  port.on('message', (m: unknown) => { if (m === 'stop') stopped = true })
  void Promise.all(cfg.urls.map(async (_, i) => { await poll(port, cfg, i, () => stopped) })).then(() => { port.postMessage('done') })
}
