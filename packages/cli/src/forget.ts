// `touchpoint-collector forget --site S --user U | --anonymous A [--yes]`: erasure, the answer to a GDPR
// erasure request — deletes everything of the person, prints what it deleted per table, and suppresses
// their ids so nothing of theirs is stored again. Recorded in the audit log as `cli:<user>`.
import { createInterface } from 'node:readline/promises';
import { openStore } from '@touchpoint/collector';
import { recordAudit } from '@touchpoint/collector/admin';
import { forgetPerson, resolvePerson } from '@touchpoint/collector/reports';
import { parseFlags, readStoreFlags, runCommand, UsageError } from './args.js';
import { cliActor } from './cli-actor.js';
import { personFlags } from './person-flags.js';
import { STORE_FLAGS, STORE_FLAGS_HELP } from './store-flags.js';

const HELP = `Usage: touchpoint-collector forget --site SITE (--user ID | --anonymous ID) [--yes] [options]

Erases a person (a GDPR erasure request): the person the id belongs to is resolved — every browser
linked to them and every user id merged into them — and their touchpoints, identity links, merges and
conflicts, journey rollup rows and minted e-mail links are deleted, in batches while collectors keep
serving. Their ids go on the suppression list: late retries from their browsers and touchpoints still
in a stream are dropped, never stored again. Prints the rows deleted per table.

Options:
${STORE_FLAGS_HELP}
  --site SITE             site id (required)
  --user ID               the person's user id
  --anonymous ID          one of the person's anonymous (browser) ids
  --yes                   do not ask for confirmation (needed when stdin is not a terminal)
  --json                  print the result as JSON
  -h, --help              this help`;

/** Runs the forget command; exit code 0 on success, 1 when the store fails or it is not confirmed, 2 on a usage error. */
export async function run(argv: string[]): Promise<number> {
  return runCommand('forget', HELP, async () => {
    const { values, positionals } = parseFlags({
      args: argv, strict: true, allowPositionals: true,
      options: {
        ...STORE_FLAGS, site: { type: 'string' }, user: { type: 'string' }, anonymous: { type: 'string' },
        yes: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { site, ref } = personFlags(values);
    if (!values.yes && !process.stdin.isTTY) throw new UsageError('stdin is not a terminal: pass --yes to erase without confirming');
    const store = await openStore(readStoreFlags(values));
    try {
      if (!values.yes) {
        const p = await resolvePerson(store, site, ref);
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        const answer = await rl.question(`Erase person ${p.key} of ${site} (user ids: ${p.userIds.join(', ') || 'none'}; browsers: ${p.anonymousIds.join(', ') || 'none'})? Type "yes": `);
        rl.close();
        if (answer.trim() !== 'yes') {
          console.error('not erased');
          return 1;
        }
      }
      const erasure = await forgetPerson(store, site, ref);
      await recordAudit(store, { ...cliActor(), action: 'person.forget', site, detail: { by: ref.user !== undefined ? 'user' : 'anonymous', deleted: erasure.deleted, suppressed: erasure.suppressed } });
      if (values.json) process.stdout.write(`${JSON.stringify(erasure, null, 2)}\n`);
      else {
        const rows = Object.entries(erasure.deleted).map(([table, n]) => `  ${table.padEnd(20)} ${n === null ? '(no such table)' : n}`);
        const s = erasure.suppressed;
        process.stdout.write(`Erased person ${erasure.person.key} of ${site}. Rows deleted:\n${rows.join('\n')}\nSuppressed from now on: ${erasure.person.userIds.length} user id(s), ${erasure.person.anonymousIds.length} anonymous id(s) (${s.user + s.anonymous} new)\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  });
}
