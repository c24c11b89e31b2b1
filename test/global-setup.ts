// Multi-process tests run the compiled CLI (bin/pbft -> dist/) and the dashboard serves the page
// Vite builds into dist/dashboard: build both once before the suite.
import { execFileSync } from 'node:child_process'

export default function setup (): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'src/dashboard/web', '--outDir', '../../../dist/dashboard', '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' })
}
