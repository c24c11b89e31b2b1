// Lint = the layer import rules of DESIGN.md §2, purity of the protocol core, and issue #14's size
// rule (functions and files short enough to read at once).
import tseslint from 'typescript-eslint'

const own = (layers) => layers.flatMap(l => [`**/${l}`, `**/${l}/*`, `**/${l}/**`, `../${l}/*`, `../${l}/**`, `../../${l}/**`])
// Bare builtin names are exact paths (a pattern 'crypto' would also match '../crypto/x.js').
const nodeBuiltinNames = ['fs', 'fs/promises', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'worker_threads', 'timers', 'timers/promises', 'dgram', 'dns', 'tls', 'process', 'perf_hooks', 'events', 'stream']
const nodeBuiltins = ['node:*']
const libp2p = ['libp2p', 'libp2p/*', '@libp2p/*', '@chainsafe/*', 'it-*', '@multiformats/*', 'classic-level', 'pino', 'prom-client']

function layer (folder, forbiddenLayers, extraPatterns = []) {
  const message = `src/${folder} may not import this (see DESIGN.md §2)`
  const pure = extraPatterns.includes('node:*')
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: pure ? nodeBuiltinNames.map(name => ({ name, message })) : [],
        patterns: [{ group: [...own(forbiddenLayers), ...extraPatterns], message }]
      }]
    }
  }
}

const all = ['codec', 'crypto', 'protocol', 'cft', 'ledger', 'app', 'byzantine', 'host', 'sim', 'net', 'node', 'client', 'cluster', 'dashboard', 'cli']
const except = (...allowed) => all.filter(l => !allowed.includes(l))

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.stryker-tmp/**', 'src/codec/pb/*.ts', 'test/lint-fixtures/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }]
    }
  },
  layer('codec', except('codec')),
  layer('crypto', except('codec', 'crypto')),
  layer('protocol', except('codec', 'crypto', 'protocol'), [...nodeBuiltins, ...libp2p]),
  // The crash-fault-tolerant core (issue #16, docs/cft.md): pure like src/protocol, beside it.
  layer('cft', except('codec', 'crypto', 'cft'), [...nodeBuiltins, ...libp2p]),
  layer('ledger', except('codec', 'crypto', 'ledger')),
  layer('app', except('codec', 'crypto', 'app')),
  layer('byzantine', except('codec', 'crypto', 'protocol', 'byzantine'), [...nodeBuiltins, ...libp2p]),
  // The one action performer (DESIGN.md §2, "one deterministic host"): it touches the world only
  // through its ports, so it imports no runtime (net, node, sim) and no I/O.
  layer('host', except('codec', 'crypto', 'protocol', 'ledger', 'byzantine', 'host'), [...nodeBuiltins, ...libp2p]),
  layer('sim', except('codec', 'crypto', 'protocol', 'ledger', 'app', 'byzantine', 'host', 'sim'), [...libp2p]),
  layer('net', except('codec', 'crypto', 'net')),
  layer('node', ['cli', 'sim', 'dashboard', 'cluster']),
  layer('client', except('codec', 'crypto', 'ledger', 'net', 'client')),
  // What the CLI and the dashboard share (cluster directory, replica processes, admin commands,
  // evidence): below both, so the dashboard never imports the CLI.
  layer('cluster', except('codec', 'crypto', 'ledger', 'net', 'node', 'client', 'cluster')),
  layer('dashboard', ['sim', 'protocol', 'host', 'cli']),
  // Issue #14: no function over 60 lines and no file over 300 in src/ (the generated src/codec/pb
  // is ignored above). Blank lines and comment lines are not counted, so explaining a function
  // never pushes it over; a function holding nested ones counts their lines too.
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }]
    }
  },
  {
    files: ['src/protocol/**/*.ts', 'src/byzantine/**/*.ts', 'src/cft/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'the protocol core has no clock: time arrives as tick events' },
        { name: 'setTimeout', message: 'the protocol core has no timers: use tick events' },
        { name: 'setInterval', message: 'the protocol core has no timers: use tick events' },
        { name: 'setImmediate', message: 'the protocol core has no timers' },
        { name: 'queueMicrotask', message: 'the protocol core is synchronous' },
        { name: 'process', message: 'the protocol core does no I/O' },
        { name: 'performance', message: 'the protocol core has no clock' },
        { name: 'crypto', message: 'randomness and crypto are injected' },
        { name: 'fetch', message: 'the protocol core does no I/O' },
        { name: 'console', message: 'the protocol core does no I/O' }
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'the protocol core has no randomness' }]
    }
  },
  {
    files: ['src/host/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['Date', 'setTimeout', 'setInterval', 'setImmediate', 'process', 'performance', 'crypto', 'fetch', 'console']
        .map(name => ({ name, message: 'the host touches the world only through its ports (src/host/ports.ts)' }))],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'the host has no randomness: the simulator replays it from a seed' }]
    }
  }
)
