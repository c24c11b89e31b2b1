// The dashboard in a real browser (playwright-core driving Debian's chromium, headless): four
// real replicas appear with rising heights; switching the primary to "silent" from the page
// causes a view change that the page shows, with the new primary; a backup killed and restarted
// from the page goes down and comes back; transfers submitted from the page commit. Saves a
// screenshot.
// Skipped when no chromium is installed, unless PBFT_REQUIRE_BROWSER=1 (as .ci/run sets).
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { readPid } from '../../src/cluster/processes.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import { cleanup, clients, logTail, startCluster, status, type E2eCluster } from './harness.js'

const CHROMIUM = process.env.PBFT_CHROMIUM ?? '/usr/bin/chromium'
const runs = existsSync(CHROMIUM) || process.env.PBFT_REQUIRE_BROWSER === '1'
// playwright gives chromium a fresh temporary profile (--user-data-dir) and --headless itself.
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

async function rowText (page: Page, id: number, cls: string): Promise<string> {
  return (await page.locator(`#replicas tr[data-replica="${id}"] td.${cls}`).textContent()) ?? ''
}

/** Runs `check`; if it fails, the error carries every replica's /status and log tail. */
async function diagnosed (check: () => Promise<void>): Promise<void> {
  try {
    await check()
  } catch (err) {
    const cl = cluster as E2eCluster
    const report = await Promise.all([0, 1, 2, 3].map(async id => {
      const st = await status(cl, id).then(s => JSON.stringify(s), (e: Error) => `no status: ${e.message}`)
      return `--- replica ${id}: ${st}\n${logTail(cl, id, 40)}`
    }))
    throw new Error(`${(err as Error).message}\n${report.join('\n')}`)
  }
}

async function heights (page: Page): Promise<number[]> {
  return await Promise.all([0, 1, 2, 3].map(async id => Number(await rowText(page, id, 'height'))))
}

let cluster: E2eCluster | undefined

describe.runIf(runs)('dashboard in a real browser', () => {
  let cl: E2eCluster | undefined
  let dash: Dashboard | undefined
  let browser: Browser | undefined
  let sending = true
  let load: Promise<unknown> | undefined
  const cs: Array<Awaited<ReturnType<typeof clients>>[number]> = []

  beforeAll(async () => {
    cl = await startCluster(4)
    cluster = cl
    dash = await startDashboard({ c: cl.c, genesis: cl.genesis, port: 0 })
    cs.push(...await clients(cl, 2))
    load = Promise.all(cs.map(async ({ client, to }) => {
      while (sending) await client.transfer(to, 1n).catch(() => {})
    }))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS] })
  }, 120_000)

  afterAll(async () => {
    sending = false
    await browser?.close()
    await Promise.all(cs.map(async ({ client }) => { await client.close() }))
    await load
    await dash?.close()
    if (cl !== undefined) {
      const pid = readPid(cl.c, 3) // the replica restarted from the page is not in cl.pids
      if (pid !== undefined) cl.pids.add(pid)
    }
    cleanup(cl)
  }, 60_000)

  it('shows 4 replicas with rising heights, then a view change after the primary is switched to silent', async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1400, height: 1100 } })
    const errors: string[] = []
    page.on('pageerror', err => { errors.push(err.message) })
    await page.goto((dash as Dashboard).url)
    await expect.poll(async () => await page.locator('#replicas tbody tr').count(), { timeout: 20_000 }).toBe(4)
    await expect.poll(async () => Math.min(...await heights(page)), { timeout: 30_000 }).toBeGreaterThan(0)
    const before = await heights(page)
    await expect.poll(async () => (await heights(page)).every((h, i) => h > (before[i] ?? 0)), { timeout: 30_000 }).toBe(true)
    expect(await rowText(page, 0, 'role')).toBe('primary')
    expect(await page.locator('#link').textContent()).toBe('live')

    await page.selectOption('#control-replica', '0')
    await page.selectOption('#control-mode', 'silent')
    await page.click('#btn-traitor')
    await expect.poll(async () => await page.locator('#control-result').textContent(), { timeout: 10_000 }).toContain('replica 0 is now a traitor: silent')
    await expect.poll(async () => await rowText(page, 0, 'mode'), { timeout: 10_000 }).toBe('silent')

    await expect.poll(async () => await rowText(page, 1, 'role'), { timeout: 60_000 }).toBe('primary')
    expect(Number(await rowText(page, 1, 'view'))).toBeGreaterThanOrEqual(1)
    await expect.poll(async () => await page.locator('#events li.view-change').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await page.locator('#summary').textContent()).toMatch(/primary 1/)
    const atViewChange = await heights(page)
    await expect.poll(async () => (await heights(page)).slice(1).every((h, i) => h > (atViewChange[i + 1] ?? 0)), { timeout: 30_000 }).toBe(true)
    expect(await page.locator('#blocks tbody tr').count()).toBeGreaterThan(0)

    // Kill a backup from the page, see it down, restart it, see it up and catching up.
    await page.selectOption('#control-replica', '3')
    await page.click('#btn-kill')
    await expect.poll(async () => await rowText(page, 3, 'state'), { timeout: 15_000 }).toBe('down')
    await page.click('#btn-restart')
    await expect.poll(async () => await rowText(page, 3, 'state'), { timeout: 60_000 }).toBe('up')
    await diagnosed(async () => {
      await expect.poll(async () => Number(await rowText(page, 3, 'height')) >= Number(await rowText(page, 1, 'height')) - 5, { timeout: 60_000 }).toBe(true)
    })

    // Transfers submitted from the page commit (the SDK in the dashboard's server waits for proof).
    await page.fill('#tx-count', '3')
    await page.click('#btn-transfer')
    await expect.poll(async () => await page.locator('#control-result').textContent(), { timeout: 30_000 }).toMatch(/^3 transfer\(s\) committed, last in block \d+$/)

    const shot = join(process.env.PBFT_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'pbft-shot-')), 'dashboard.png')
    await page.screenshot({ path: shot, fullPage: true })
    expect(statSync(shot).size).toBeGreaterThan(20_000)
    expect(errors).toEqual([])
  }, 180_000)
})
