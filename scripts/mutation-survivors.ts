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
  unreachable: { title: 'Unreachable code', why: 'no caller or input reaches the mutated code with values for which the mutant differs (named per line): the mutant changes nothing any execution can see. Kept as written because a future caller may reach it.' },
  equivalent: { title: 'Equivalent: the state changed is never read', why: 'the mutant writes a field or entry differently, but every reader of it checks something first that makes the difference invisible (named per line).' },
  open: { title: 'Open: not shown equivalent, no test yet', why: 'a test could kill these; listed so that the next change of this code adds one.' }
} satisfies Record<string, Reason>

type Key = keyof typeof R

/** Reasons by `${file}:${line}` (every mutant of that line) or `${file}:${line}:${mutator}`, with a note. */
const REASONS: Record<string, [Key, string?]> = {
  'src/protocol/checkpoints.ts:38': ['memory', 'an empty per-seq CHECKPOINT set kept after its last sender was pushed out reads as no set (checkStable filters by hash, retransmission needs its own); becomeStable removes it. Deleting a non-empty set is killed (checkpoints paper test)'],
  'src/protocol/checkpoints.ts:52': ['redundant', 'the slice to 2f+1: checkStable runs at each CHECKPOINT added, so the matching set is exactly 2f+1 when it first reaches 2f+1, and later ones for that seq are refused (c.seq <= stableSeq)'],
  'src/protocol/checkpoints.ts:71': ['redundant', 'every caller passes a seq above the stable checkpoint: onCheckpoint refuses c.seq <= stableSeq before remember(), an own CHECKPOINT at or below it finds that seq\'s set collected (alone, no quorum), installNewView checks o.minS > stableSeq'],
  'src/protocol/checkpoints.ts:77': ['memory', 'prepared certificates at or below the stable checkpoint: startViewChange takes only seq > stableSeq (view-change.ts line 93)'],
  'src/protocol/checkpoints.ts:78': ['memory', 'checkpoint sets at or below it: onCheckpoint refuses c.seq <= stableSeq, retransmission sends seq > stableSeq'],
  'src/protocol/checkpoints.ts:79': ['memory', 'own-signature claims at or below it: no message at or below h is ever signed again (window, nextSeq > h)'],
  'src/protocol/checkpoints.ts:80': ['memory', 'as line 79 (a key that does not parse deletes nothing)'],
  'src/protocol/checkpoints.ts:81': ['memory', 'as line 79; no claim key starts with view-change, so that test is always true. Deleting claims above h too is covered by the second-pre-prepare check (the slot above h keeps its pre-prepare) and prepared-once checks'],
  'src/protocol/checkpoints.ts:84': ['redundant', 'nextSeq: a primary never lags its own stable checkpoint except while fetching (it proposes nothing then, requests.ts line 136), and onStateTransferred (line 100) and installNewView set nextSeq after it'],
  'src/protocol/checkpoints.ts:94': ['open', 'a transfer reported at exactly lastExecuted while fetching: the code forgets pending requests and restarts nothing, the mutant returns first and keeps them; no rule says which, not tested'],
  'src/protocol/checkpoints.ts:100': ['open', 'killed since by "a primary whose transfer went past the stable checkpoint numbers its next batch after the last transferred block" (state-transfer paper test; all three checked by hand)'],
  'src/protocol/checkpoints.ts:106': ['memory', 'execute batches at or below a transferred seq (false, <): their executed events never come, the ledger has those blocks. Deleting those above it (true, >) is killed since by the state-transfer paper test "a transfer that covers seqs already handed to execution", which now checks seq 3\'s reply (checked by hand)'],
  'src/protocol/evidence.ts:17': ['redundant', 'messages at or below h are refused before observe() (inWindow in onPrePrepare/onPrepare/onCommit, c.seq <= stableSeq in onCheckpoint)'],
  'src/protocol/evidence.ts:37': ['redundant', '`some` for `every`: evidence with two messages carries compacted votes (batches stripped), far below EVIDENCE_MESSAGE_BYTES_MAX, so only one-message evidence can exceed it. The bound itself is tested (evidence paper test, at and one above it)'],
  'src/protocol/gap.ts:19': ['redundant', 'a committed next seq executes at once (tryExecute runs on every commit and is held only while fetching, which line 19 excludes), so it is never committed here'],
  'src/protocol/gap.ts:40': ['redundant', 'next is not committed here (line 19), and seqs are distinct keys, so >= and <= pick the same seq'],
  'src/protocol/limits.ts:74': ['equivalent', 'at elapsedMs = TIMER_FULL_STEP_MS both branches give TIMER_FULL_STEP_MS'],
  'src/protocol/new-view.ts:23:EqualityOperator': ['redundant', 'two valid checkpoint proofs for one seq certify one block hash (2f+1 signers each intersect in an honest replica), so taking the other proof for an equal stableSeq gives the same min-s and hash'],
  'src/protocol/new-view.ts:23:ConditionalExpression': ['open', 'killed since by "min-s is the highest stable checkpoint in V wherever its VIEW-CHANGE comes in V" (view-change paper test; checked by hand)'],
  'src/protocol/new-view.ts:33': ['redundant', 'entries at or below min-s are never read: the loop that builds O starts at min-s + 1'],
  'src/protocol/new-view.ts:35': ['redundant', 'two prepared certificates for one seq in one view name one digest (their 2f+1 replicas intersect in an honest one, which prepares one digest per view), so replacing one by the other changes nothing'],
  'src/protocol/new-view.ts:54': ['redundant', 'its only caller (view-change.ts line 262) calls it only with 2f+1 VIEW-CHANGEs for the view and newViewSent < view'],
  'src/protocol/new-view.ts:55': ['equivalent', 'the slice to 2f+1: sendNewView runs when the (2f+1)-th VIEW-CHANGE arrives, so exactly 2f+1 are at hand; more only after a missing-batch refusal, and backups accept any V of 2f+1 or more, recomputing O from it'],
  'src/protocol/new-view.ts:59': ['unreachable', 'the new primary stores only VIEW-CHANGEs whose every certificate\'s batch it resolved (viewChangeProblem with requireBatches, its own copy included: fix 9a7421f), so O has no missing seq here'],
  'src/protocol/new-view.ts:62': ['redundant', 'a new primary has claimed no pre-prepare in its new view before its NEW-VIEW (newViewSent < view; a restart restores the claims of a NEW-VIEW it sent along with newViewSent)'],
  'src/protocol/new-view.ts:84': ['unreachable', 'a replica never receives its own relay (no replica sends to itself), and one that installed the view refuses it as stale first'],
  'src/protocol/new-view.ts:105': ['equivalent', 'viewChangeStartedMs is read only while viewChanging, and startViewChange sets it'],
  'src/protocol/new-view.ts:138': ['redundant', 'becomeStable returns at once for a seq at or below the stable checkpoint (checkpoints.ts line 71)'],
  'src/protocol/new-view.ts:147': ['redundant', 'no slot of the new view (or later) is in the log before installNewView resets O\'s slots (normal-case messages of a view wait until its NEW-VIEW), and a slot at or below lastExecuteEmitted is committed (a state transfer removes the log up to its seq)'],
  'src/protocol/new-view.ts:150': ['redundant', 'adoptRequest returns for a request in flight, and requeue() just kept exactly O\'s requests in flight'],
  'src/protocol/new-view.ts:153': ['redundant', 'no uncommitted slot of the new view exists yet (as line 147); a committed older-view slot above h is in O by quorum intersection, so resetSlot replaces it anyway'],
  'src/protocol/normal-case.ts:28': ['label', 'batchProblem\'s reason: callers compare it with undefined (and with \'invalid-transaction\', which is killed)'],
  'src/protocol/normal-case.ts:29': ['label', 'as line 28'],
  'src/protocol/normal-case.ts:30': ['label', 'as line 28'],
  'src/protocol/normal-case.ts:34': ['label', 'as line 28'],
  'src/protocol/normal-case.ts:35': ['label', 'as line 28'],
  'src/protocol/normal-case.ts:36': ['label', 'as line 28'],
  'src/protocol/normal-case.ts:40': ['label', 'as line 28'],
  'src/protocol/normal-case.ts:53': ['redundant', 'a message from the replica itself is dropped before any handler (replica.ts onMessage: unknown-sender), and a primary\'s own PRE-PREPARE would meet its filled slot (second-pre-prepare) anyway'],
  'src/protocol/normal-case.ts:75': ['redundant', 'a backup accepts one pre-prepare per slot (second-pre-prepare check, line 58), and NEW-VIEW resets slots only for a new view, so its PREPARE claim for (view, seq) is always new or the same digest'],
  'src/protocol/normal-case.ts:96': ['open', 'killed since by "a conflicting PREPARE never replaces a matching one, even one that came before the PRE-PREPARE named the digest" (normal-case-votes paper test; checked by hand)'],
  'src/protocol/normal-case.ts:122': ['equivalent', 'each of these keeps the rule\'s outcome: a vote is only ever swapped for an identical matching one (ed25519 signs deterministically) or a non-matching one for another non-matching one, so the count of matching votes is the same. The mutants that let a conflicting vote replace a matching one are killed (normal-case-votes paper tests)'],
  'src/protocol/normal-case.ts:133': ['redundant', 'onPrepare refuses a PREPARE from the primary of its view (line 89), and a replica never signs a PREPARE in a view it is primary of, so no primary\'s PREPARE is in slot.prepares'],
  'src/protocol/normal-case.ts:136': ['redundant', 'a slot is prepared once, for the digest its pre-prepare claimed (line 75, or the primary\'s propose claim); no second digest reaches (view, seq), as line 75'],
  'src/protocol/normal-case.ts:157': ['redundant', 'in-order execution while fetching: the next seq to execute is at or below the stable checkpoint being fetched, whose slots becomeStable removed, so the loop finds no slot (the state-transfer paper test "execution waits for the transfer" holds either way)'],
  'src/protocol/replica.ts:34': ['equivalent', 'a tick at the same time advances the timers by timerAdvance(0) = 0'],
  'src/protocol/replica.ts:50': ['equivalent', 'a lost-peer report is read only for the primary of the current view, and only by a backup (request timer) or while waiting for a NEW-VIEW the primary itself would send: ids outside 0..n-1 and the replica itself are never that'],
  'src/protocol/replica.ts:54': ['unreachable', 'the default of an exhaustive switch over a typed union (assertNever): unreachable'],
  'src/protocol/replica.ts:72': ['unreachable', 'normalCaseVote gives a view only for PRE-PREPARE, PREPARE and COMMIT, so inside this branch m.type is never view-change or new-view and the condition is always true'],
  'src/protocol/replica.ts:88': ['unreachable', 'as line 54'],
  'src/protocol/replica.ts:106': ['redundant', 'only normal-case votes are buffered as future messages, and a replayed vote of a view below the current one is refused by its handler (old view)'],
  'src/protocol/replica.ts:121': ['open', 'killed since by "an execution reported while a view change is in progress does not decay the backoff" (liveness paper test; checked by hand)'],
  'src/protocol/replies.ts:34': ['bound', 'the byte estimate of a cached reply is read only by the CACHED_REPLY_BYTES_MAX eviction (256 MiB)'],
  'src/protocol/replies.ts:48': ['bound', 'the reply count is read only by the CACHED_REPLIES_MAX eviction'],
  'src/protocol/replies.ts:49': ['bound', 'as line 34'],
  'src/protocol/replies.ts:54': ['bound', 'as line 48'],
  'src/protocol/replies.ts:55': ['bound', 'as line 34'],
  'src/protocol/replies.ts:58': ['bound'],
  'src/protocol/replies.ts:61': ['bound'],
  'src/protocol/replies.ts:62': ['bound'],
  'src/protocol/requests.ts:62': ['open', 'all five killed since by two client-table paper tests: "a request that already executed here is not proposed again after a view change ..." (the executed-reply guard) and "a request pending at the new primary that a dropped older-view batch also carried counts once against the client\'s 1,024" (the pending guard); checked by hand'],
  'src/protocol/requests.ts:83': ['redundant', 'addPending is never called for a request in flight: onRequest and adoptRequest return for one first'],
  'src/protocol/requests.ts:116': ['memory', 'a zero per-client count kept reads as none (`?? 0`)'],
  'src/protocol/requests.ts:124': ['equivalent', 'a request timer started while fetching is never read (onViewTimers requires fetching === undefined) and onStateTransferred clears it'],
  'src/protocol/requests.ts:136:ConditionalExpression': ['redundant', 'activeView equals view whenever a replica is not changing views (installNewView, restore line 108); the fetching guard of this line is killed (state-transfer paper test)'],
  'src/protocol/restore.ts:15': ['redundant', 'a backup\'s pre-prepare record is persisted with its prepare record, which claims \'prepare\' again (line 81); a restarted primary never proposes at or below nextSeq, restored past its own pre-prepares (line 21)'],
  'src/protocol/restore.ts:16': ['redundant', 'slots at or below the stable checkpoint are deleted after the loop (line 104)'],
  'src/protocol/restore.ts:18': ['redundant', 'records come in order, so a slot of another view is a committed older-view slot, whose newer-view pre-prepare names the same digest (safety)'],
  'src/protocol/restore.ts:21': ['equivalent', 'a backup\'s nextSeq is never read: installNewView sets it when the replica becomes primary'],
  'src/protocol/restore.ts:31': ['redundant', 'records come in order: an own vote follows its pre-prepare record in the same view, so the slot found is of that view and digest'],
  'src/protocol/restore.ts:38': ['redundant', 'the restored slot is prepared (line 33) with the commit\'s digest, so checkPrepared never claims a commit there again'],
  'src/protocol/restore.ts:42': ['redundant', 'the batch comes from the slot whose digest equals the commit\'s (line 41), restored from a pre-prepare record whose batch was checked against that digest'],
  'src/protocol/restore.ts:49': ['redundant', 'records come in order, so the last own NEW-VIEW is the highest; a replica restored in an installed view sends a NEW-VIEW only after starting a higher view change'],
  'src/protocol/restore.ts:54': ['redundant', 'a restarted new primary proposes only above O (nextSeq, line 55), so the claim key of O\'s seqs is never looked up'],
  'src/protocol/restore.ts:56': ['redundant', 'as line 16'],
  'src/protocol/restore.ts:58': ['redundant', 'an own NEW-VIEW record carries every non-null batch of O, so the batch found always has the digest'],
  'src/protocol/restore.ts:71': ['redundant', 'the first pass over stable-checkpoint records and the one in order (line 91) set the same stable checkpoint; slots and certificates at or below it are dropped either way (lines 16, 104; view-change.ts line 93)'],
  'src/protocol/restore.ts:75': ['redundant', 'each view record is persisted in the same WAL write as its view-change record (startViewChange), which sets the same view (line 95)'],
  'src/protocol/restore.ts:81': ['redundant', 'the pre-prepare record before it claimed \'prepare\' for the same (view, seq, digest) (line 15)'],
  'src/protocol/restore.ts:91': ['redundant', 'as line 71'],
  'src/protocol/restore.ts:95': ['redundant', 'as line 75'],
  'src/protocol/restore.ts:98': ['open', 'a backup restoring the primary\'s NEW-VIEW as its own: its claims and slots are those its own pre-prepare records restore next; not shown for every order of records'],
  'src/protocol/restore.ts:99': ['unreachable', 'records come in order and a replica never installs a NEW-VIEW of a view below its own, so rec.newView.view >= s.view holds'],
  'src/protocol/restore.ts:101': ['unreachable', 'the default of an exhaustive switch over a typed union (assertNever): unreachable'],
  'src/protocol/restore.ts:104': ['memory', 'slots at or below the stable checkpoint are not created (line 16); the rest are never read (the window starts above it)'],
  'src/protocol/restore.ts:105': ['equivalent', 'viewChangeStartedMs starts at 0 (state.ts), and restore runs in the constructor: setting it to 0 changes nothing'],
  'src/protocol/restore.ts:108': ['redundant', 'after the loop a replica not changing views in a view above 0 last read a new-view record, which set activeView (line 99)'],
  'src/protocol/restore.ts:109': ['redundant', 'nextSeq is read only by a primary proposing, which it does not while behind its stable checkpoint (fetching, line 113); onStateTransferred sets it after'],
  'src/protocol/retransmit.ts:14': ['redundant', 'while changing views the own VIEW-CHANGE is always for the current view (startViewChange sets both)'],
  'src/protocol/retransmit.ts:21': ['redundant', 'slots at or below the stable checkpoint are removed by becomeStable, so none is in the log'],
  'src/protocol/state.ts:102': ['equivalent', 'the first gap fetch is to a seq >= 1 > gapFetchedTo = 0, so the time test after it is never reached for it'],
  'src/protocol/view-change.ts:76': ['unreachable', 'unreachable: every caller passes a view above the current one (view + 1, or the lowest of the views f+1 others asked for above it), so newView <= s.view is never true'],
  'src/protocol/view-change.ts:89': ['unreachable', 'as line 76: startViewChange is never called twice for one view, so the own VIEW-CHANGE is never for newView already'],
  'src/protocol/view-change.ts:93': ['redundant', 'becomeStable removes prepared certificates at or below the stable checkpoint, and restore creates none there'],
  'src/protocol/view-change.ts:123': ['equivalent', 'removing the sender\'s VIEW-CHANGE for this same view as well: it is set again two lines below'],
  'src/protocol/view-change.ts:124': ['memory', 'an empty per-view map kept reads as no VIEW-CHANGE'],
  'src/protocol/view-change.ts:129': ['equivalent', 'viewChangeStartedMs is read only while viewChanging, and startViewChange resets it; askersFrom counts views >= s.view anyway'],
  'src/protocol/view-change.ts:146': ['unreachable', 'the default of requireBatches: every caller passes it'],
  'src/protocol/view-change.ts:148': ['redundant', 'verifyFrom returns false for a replica without a public key'],
  'src/protocol/view-change.ts:260': ['unreachable', 'the own VIEW-CHANGE is never for a view above the current one'],
  'src/protocol/view-change.ts:262': ['redundant', 'sendNewView checks the same (new-view.ts line 54)'],
  'src/crypto/evidence.ts:28': ['redundant', '`only` is undefined exactly when no message was signed, and then `signed.length !== 1` holds as well (files-mut17.md)'],
  'src/crypto/evidence.ts:71': ['redundant', 'a certificate at or below min-s is never read: the comparison starts at min-s + 1 and maxS is at least min-s; equal-view certificates for one seq name one digest (files-mut17.md)'],
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
  const out = ['# Surviving mutants', '', `${total} mutants survived or were not covered in the run of docs/mutation/report.json. Each is in one group below, with the reason it is not killed. Regenerate with \`tsx scripts/mutation-survivors.ts > docs/mutation/survivors.md\` after \`npm run mutate\`. An entry noted "killed since" was killed by a test added after that run (checked by hand), and drops out at the next run.`, '']
  for (const key of Object.keys(R) as Key[]) {
    const list = groups.get(key)
    if (list === undefined) continue
    out.push(`## ${R[key].title} (${list.length})`, '', R[key].why, '', ...list, '')
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

main()
