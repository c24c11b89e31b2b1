// The README's dashboard screenshot, taken from a running `npm start` (its dashboard URL as the
// argument): switches the primary to "equivocate" from the page, waits for the evidence and
// the view change to show, makes it honest again, and saves docs/dashboard.png.
//   npm start &   then:   npm run build && node dist/scripts/dashboard-screenshot.js http://127.0.0.1:7080/
import { chromium } from 'playwright-core'

const url = process.argv[2] ?? 'http://127.0.0.1:7080/'
const out = process.argv[3] ?? 'docs/dashboard.png'
const browser = await chromium.launch({ executablePath: process.env.PBFT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  await page.goto(url)
  await page.waitForSelector('#replicas tbody tr.primary', { timeout: 30_000 })
  const primary = await page.getAttribute('#replicas tbody tr.primary', 'data-replica') ?? '0'
  await page.selectOption('#control-replica', primary)
  await page.selectOption('#control-mode', 'equivocate')
  await page.click('#btn-traitor')
  await page.waitForSelector('#evidence li[data-accused]', { timeout: 60_000 })
  await page.waitForSelector('#events li.view-change', { timeout: 60_000 })
  await page.click('#btn-clear')
  await page.waitForTimeout(3000)
  await page.screenshot({ path: out, fullPage: true })
  process.stdout.write(`saved ${out}\n`)
} finally {
  await browser.close()
}
