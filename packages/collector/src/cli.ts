#!/usr/bin/env node
// `touchpoint-collector <command>`: each command lives in its own module under cli/, loaded on demand so
// `serve` never pays for the report or checker code.
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  serve: { summary: 'run the collector HTTP server', load: () => import('./cli/serve') },
  export: { summary: 'stream stored touchpoints as NDJSON or CSV', load: () => import('./cli/export') },
  report: { summary: 'journey | ads | feedback reports in the terminal', load: () => import('./cli/report') },
  'check-ads': { summary: "check every ad's landing page", load: () => import('./cli/check-ads') },
  load: { summary: 'load touchpoints from a JetStream stream into a store', load: () => import('./cli/load') },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: touchpoint-collector <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun \`touchpoint-collector <command> --help\` for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`touchpoint-collector: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
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
