// The vitest configuration Stryker runs (npm run mutate): only the fast, in-process suites that
// exercise the mutated code (protocol core, app, ledger checks, crypto evidence, the quick
// simulator scenarios). No global build step, no multi-process or network tests: each mutant is
// run against the tests that cover it, so a slow test here multiplies the whole run.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/protocol/**/*.test.ts',
      'test/app/**/*.test.ts',
      'test/ledger/**/*.test.ts',
      'test/crypto/**/*.test.ts',
      'test/sim/directed.test.ts'
    ],
    exclude: ['test/ledger/prune-node.test.ts'],
    setupFiles: ['src/polyfill.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One module graph for all test files (Stryker's runner uses one thread): loading the
    // modules for each of the 15 files cost more than the tests of most mutants
    isolate: false,
    // 12 directed seeds (4 of each scenario, about 2 s) instead of 39: each mutant that survives
    // the unit tests runs them all
    env: { PBFT_DIRECTED_SEEDS: '12' }
  }
})
