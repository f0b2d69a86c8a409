import { userInfo } from 'node:os';

/** The command line as an audit actor: `cli:<OS user>`. */
export function cliActor(): { actor: string; actorName: string } {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {}
  return { actor: `cli:${user}`, actorName: `command line (${user})` };
}
