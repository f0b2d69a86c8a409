// Reading the e-mail link keys `serve` and `email-link` share: a JSON file `{ "keys": [{ "id", "secret" }],
// "signWith" }`, or the same JSON in $TOUCHPOINT_EMAIL_KEYS (so secrets need not sit in a file).
import { readFileSync } from 'node:fs';
import { checkEmailLinkKeys, type EmailLinkKeys } from '@touchpoint/collector/email';
import { UsageError } from './args.js';

/** The keys from `--email-keys FILE` or `$TOUCHPOINT_EMAIL_KEYS`; undefined when neither is given. */
export function readEmailKeys(file: string | undefined, env: Record<string, string | undefined>): EmailLinkKeys | undefined {
  let text: string;
  let from: string;
  if (file !== undefined) {
    from = `--email-keys "${file}"`;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${from}: ${(err as Error).message}`);
    }
  } else if (env.TOUCHPOINT_EMAIL_KEYS) {
    from = '$TOUCHPOINT_EMAIL_KEYS';
    text = env.TOUCHPOINT_EMAIL_KEYS;
  } else return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${from} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return checkEmailLinkKeys(json);
  } catch (err) {
    throw new UsageError(`${from}: ${(err as Error).message}`);
  }
}
