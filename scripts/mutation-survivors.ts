// Writes docs/mutation/survivors.md from a Stryker JSON report: every surviving or uncovered
// mutant, grouped by the reason it is not killed. Reasons come from rules (a drop-reason label,
// an assertion's text) and from the REASONS table below, keyed by file and line, written by
// reading each mutant; a survivor no rule or entry explains is listed as open.
//   tsx scripts/mutation-survivors.ts [report.json] > docs/mutation/survivors.md
import { readFileSync } from 'node:fs'

interface Mutant { id: string, mutatorName: string, replacement?: string, status: string, location: { start: { line: number } } }
interface Report { files: Record<string, { source: string, mutants: Mutant[] }> }

interface Reason { title: string, why: string }

const R = {
  label: { title: 'Diagnostic labels', why: 'the string is a drop-reason counter label (`Replica.drops()`, the node\'s metrics) or an assertion\'s message: no decision of any replica reads it, so changing it changes no behaviour a peer or client can see.' },
  memory: { title: 'Garbage collection that only frees memory', why: 'the state removed is never read again for these seqs: every reader filters by the stable checkpoint or the window first (VIEW-CHANGE takes certificates above it, retransmission votes above it, messages at or below h are refused before any lookup). Keeping it longer only uses memory until the next checkpoint removes it; the simulator\'s bounded-memory invariant counts log slots, which these are not.' },
  invariant: { title: 'Invariant assertions', why: 'an assertion of something that holds: a mutant that weakens the condition or never throws changes nothing while the code is correct. (A mutant that makes it always throw is killed.)' },
  bound: { title: 'Bounds reached only with very large inputs', why: 'not equivalent, not killed: the behaviour changes only past a bound of tens of thousands of clients, replies or reports (CLIENT_TABLE_MAX = 100,000, CACHED_REPLIES_MAX = 262,144, REPORTED_EVIDENCE_MAX = 4,096, PENDING_REQUESTS_MAX = 20,000); a test would sign that many replies (about a minute). The per-client bounds below them are tested (test/protocol/paper/client-table.test.ts).' },
  sort: { title: 'Orders that nothing depends on', why: 'the sort only fixes an order among items that are then used as a set, or that are already in that order (keys inserted in ascending order, one replica\'s votes), so the result is the same.' },
  redundant: { title: 'Redundant checks (defence in depth)', why: 'a later or earlier check refuses the same input (named per line), so removing this one changes no outcome; kept because the other check may change.' },
  open: { title: 'Open: not shown equivalent, no test yet', why: 'a test could kill these; listed so that the next change of this code adds one.' }
} satisfies Record<string, Reason>

type Key = keyof typeof R

/** Reasons by `${file}:${line}` (every mutant of that line) or `${file}:${line}:${mutator}`, with a note. */
const REASONS: Record<string, [Key, string?]> = {
  'src/protocol/checkpoints.ts:72': ['memory', 'prepared certificates at or below the stable checkpoint: startViewChange takes only seq > stableSeq'],
  'src/protocol/checkpoints.ts:73': ['memory', 'checkpoint sets at or below it: onCheckpoint refuses c.seq <= stableSeq, retransmission sends seq > stableSeq'],
  'src/protocol/checkpoints.ts:74': ['memory', 'own-signature claims at or below it: no message at or below h is ever signed again (window, nextSeq > h)'],
  'src/protocol/checkpoints.ts:75': ['memory', 'as line 74'],
  'src/protocol/checkpoints.ts:76': ['memory', 'as line 74; no claim key starts with view-change, so that test is always true. Deleting claims above h too is covered by the earlier second-pre-prepare and prepared-once checks'],
  'src/protocol/checkpoints.ts:79': ['redundant', 'nextSeq: a primary never lags its own stable checkpoint except while fetching, and onStateTransferred (line 94) and installNewView set nextSeq after it'],
  'src/protocol/new-view.ts:23:EqualityOperator': ['redundant', 'two valid checkpoint proofs for one seq certify one block hash (2f+1 signers each intersect in an honest replica), so taking the other proof for an equal stableSeq gives the same min-s and hash'],
  'src/protocol/new-view.ts:23:ConditionalExpression': ['open', 'killed since by "min-s is the highest stable checkpoint in V wherever its VIEW-CHANGE comes in V" (view-change paper test; checked by hand)'],
  'src/protocol/new-view.ts:33': ['redundant', 'entries at or below min-s are never read: the loop that builds O starts at min-s + 1'],
  'src/protocol/new-view.ts:35': ['redundant', 'two prepared certificates for one seq in one view name one digest (their 2f+1 replicas intersect in an honest one, which prepares one digest per view), so replacing one by the other changes nothing'],
  'src/protocol/evidence.ts:43': ['memory', 'first-seen votes at or below h: observe() ignores seq <= stableSeq (line 17)'],
  'src/protocol/evidence.ts:44': ['memory', 'as line 43'],
  'src/protocol/evidence.ts:45': ['memory', 'as line 43'],
  'src/protocol/evidence.ts:46': ['memory', 'as line 43'],
  'src/app/accounts.ts:48': ['invariant', 'the name of AppInvariantError, which only the two invariant assertions of apply() (lines 168, 177) throw'],
  'src/app/accounts.ts:75': ['redundant', 'the initial value of sortedKeys: the constructor assigns it before anything reads it'],
  'src/app/accounts.ts:139': ['redundant', 'executeOne decodes the payload again after checkTx (line 136) returned for one that does not decode, so this branch and its log are never reached'],
  'src/app/accounts.ts:159': ['redundant', 'rootWith\'s shortcut for no changed leaf: the general path (lines 160-162) gives the same root with no changed leaf'],
  'src/app/accounts.ts:161:ConditionalExpression': ['sort', 're-sorting the keys when no account was added: sortedKeys is already sorted'],
  'src/app/accounts.ts:166': ['sort', 'added starting true re-sorts the keys after every block: sortedKeys is already sorted when no account was added'],
  'src/app/accounts.ts:168': ['invariant', 'no balance in an overlay is negative: executeOne subtracts only an amount the balance covers (line 148)'],
  'src/app/accounts.ts:169': ['sort', 'added set for an existing account: every non-empty overlay holds its sender, which exists (line 142), so the mutant re-sorts after every block, and sortedKeys is already sorted when no account was added'],
  'src/app/accounts.ts:173': ['sort', 'as line 166'],
  'src/app/accounts.ts:174': ['invariant', 'when the supply is summed (only after a non-empty block, always, or never): the supply never changes, so the check passes whenever it runs'],
  'src/app/accounts.ts:177': ['invariant', 'the total supply never changes: executeOne moves an amount from one balance to another'],
  'src/app/snapshot.ts:24': ['invariant', 'a load-time check of the constants (RECENT_NONCES_MAX fits 2 bytes), true for the committed ones: never throws, so its message is never read'],
  'src/app/snapshot.ts:25': ['invariant', 'as line 24 (one full account fits a snapshot)'],
  'src/app/snapshot.ts:41': ['redundant', 'a snapshot\'s size is 5 + 58 per account + 8 per recent nonce, always odd, and SNAPSHOT_BYTES_MAX (64 MiB - 64 KiB) is even, so no size equals it and > and >= refuse the same states'],
  'src/app/snapshot.ts:62': ['redundant', 'the \'?\' for a missing version byte: a snapshot shorter than 5 bytes is refused first (line 61), so bytes[0] is always defined here'],
  'src/app/snapshot.ts:85': ['redundant', 'a nonce whose high half exceeds 0x1fffff is above 2^53 - 1 whether read as Infinity or as the imprecise number: nonceStateProblem refuses both with the same field and reason']
}

function classify (file: string, line: string, m: Mutant): [Key, string?] {
  const byLine = REASONS[`${file}:${m.location.start.line}:${m.mutatorName}`] ?? REASONS[`${file}:${m.location.start.line}`]
  if (byLine !== undefined) return byLine
  if (m.mutatorName === 'StringLiteral' && /s\.drop\(|drop\(`|assert\(|AssertionError|Error\(/.test(line)) return ['label']
  if (/^\s*assert\(/.test(line) || /checkInvariants/.test(line)) return ['invariant']
  return ['open']
}

function main (): void {
  const report = JSON.parse(readFileSync(process.argv[2] ?? 'docs/mutation/report.json', 'utf8')) as Report
  const groups = new Map<Key, string[]>()
  let total = 0
  for (const [file, v] of Object.entries(report.files).sort((a, b) => a[0].localeCompare(b[0]))) {
    const lines = v.source.split('\n')
    for (const m of v.mutants.filter(x => x.status === 'Survived' || x.status === 'NoCoverage').sort((a, b) => a.location.start.line - b.location.start.line)) {
      const code = (lines[m.location.start.line - 1] ?? '').trim()
      const [key, note] = classify(file, code, m)
      const repl = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 90)
      const entry = `- ${file}:${m.location.start.line} ${m.status === 'NoCoverage' ? '(no coverage) ' : ''}${m.mutatorName} \`\` ${repl} \`\` in \`\` ${code.slice(0, 100)} \`\`${note !== undefined ? ` — ${note}` : ''}`
      groups.set(key, [...(groups.get(key) ?? []), entry])
      total++
    }
  }
  const out = ['# Surviving mutants', '', `${total} mutants survived or were not covered in the run of docs/mutation/report.json. Each is in one group below, with the reason it is not killed. Regenerate with \`tsx scripts/mutation-survivors.ts > docs/mutation/survivors.md\` after \`npm run mutate\`.`, '']
  for (const key of Object.keys(R) as Key[]) {
    const list = groups.get(key)
    if (list === undefined) continue
    out.push(`## ${R[key].title} (${list.length})`, '', R[key].why, '', ...list, '')
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

main()
