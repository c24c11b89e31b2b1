// The vitest configuration Stryker runs (npm run mutate): only the fast, in-process suites that
// exercise the mutated code (protocol core, app, ledger checks, crypto evidence, the quick
// simulator scenarios). No global build step, no multi-process or network tests: each mutant is
// run against the tests that cover it, so a slow test here multiplies the whole run.
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Fast unit tests first, the simulator last, whatever ran longest or failed last time (vitest's
 * default order): Stryker stops a mutant's run at the first failing test, so a mutant the unit
 * tests kill never pays for the simulator.
 */
class SimulatorLast extends BaseSequencer {
  override async sort (files: TestSpecification[]): Promise<TestSpecification[]> {
    const sim = (f: TestSpecification): boolean => f.moduleId.includes('/test/sim/')
    const byName = [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId))
    return await Promise.resolve([...byName.filter(f => !sim(f)), ...byName.filter(sim)])
  }
}

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
    sequence: { sequencer: SimulatorLast },
    // One module graph for all test files (Stryker's runner uses one thread): loading the
    // modules for each of the 15 files cost more than the tests of most mutants
    isolate: false,
    // 12 directed seeds (4 of each scenario, about 2 s) instead of 39: each mutant that survives
    // the unit tests runs them all
    env: { PBFT_DIRECTED_SEEDS: '12' }
  }
})
