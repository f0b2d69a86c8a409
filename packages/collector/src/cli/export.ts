// Placeholder until the owning issue lands; the dispatcher in ../cli.ts already routes here.
export async function run(_argv: string[]): Promise<number> {
  console.error('touchpoint-collector export: not built yet');
  return 1;
}
