// Multi-process tests run the compiled CLI (bin/pbft -> dist/): compile once before the suite.
import { execFileSync } from 'node:child_process'

export default function setup (): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
}
