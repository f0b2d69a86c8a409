#!/usr/bin/env node
// `touchpoint-collector <command>`: each command lives in its own module under cli/, loaded on demand so
// `serve` never pays for the report or checker code.
import { readFileSync } from 'node:fs';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  serve: { summary: 'run the collector HTTP server', load: () => import('./serve.js') },
  export: { summary: 'stream stored touchpoints as NDJSON or CSV', load: () => import('./export.js') },
  report: { summary: 'journey | ads | feedback | retention reports in the terminal', load: () => import('./report.js') },
  person: { summary: "one person's touchpoints across browsers and channels", load: () => import('./person.js') },
  forget: { summary: 'erase a person (GDPR erasure) and suppress their ids', load: () => import('./forget.js') },
  'check-ads': { summary: "check every ad's landing page", load: () => import('./check-ads.js') },
  'import-catalogue': { summary: 'keep an ad catalogue in the store for the ads report', load: () => import('./import-catalogue.js') },
  load: { summary: 'load touchpoints from a JetStream stream into a store', load: () => import('./load.js') },
  access: { summary: 'access keys, shared report links and the audit log', load: () => import('./access.js') },
  'email-link': { summary: 'mint a signed e-mail open pixel and click link for a recipient', load: () => import('./email-link.js') },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(17)} ${c.summary}`);
  return `Usage: touchpoint-collector <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun \`touchpoint-collector help <command>\` (or \`<command> --help\`) for a command's options; \`--version\` prints the version.`;
}

/** The package's version, read from its package.json (one folder above both src/ and dist/). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const [first, ...more] = argv;
  if (first === '--version' || first === '-v' || first === 'version') {
    console.log(version());
    return 0;
  }
  // `help serve` is `serve --help`
  const [name, ...rest] = first === 'help' && more[0] ? [more[0], '--help'] : argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`touchpoint-collector: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let loaded: { run(argv: string[]): Promise<number> };
  try {
    loaded = await command.load();
  } catch (err) {
    throw missingDriver(err) ?? err;
  }
  return loaded.run(rest);
}

// A command whose module imports an optional driver (`load` and the NATS client) says what to install.
const DRIVERS = [['@nats-io/jetstream', '@nats-io/transport-node'], ['pg'], ['better-sqlite3']];
function missingDriver(err: unknown): Error | undefined {
  const e = err as NodeJS.ErrnoException;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const group = DRIVERS.find((names) => names.some((n) => e.message.includes(`'${n}'`)));
  return group && new Error(`this command needs ${group.map((n) => `"${n}"`).join(' and ')}: npm install ${group.join(' ')}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`touchpoint-collector: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
