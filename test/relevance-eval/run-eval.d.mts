// Types of run-eval.mjs, for the TypeScript tests that import it.
export interface EvalShop { id: string; host: string; lang: 'es' | 'en'; siteName: string; pages: Array<{ path: string; title: string; h1: string }> }
export interface EvalRow { id: string; half: 'tuning' | 'heldOut'; category: string; expect: string; got: string; score?: number; problems: string[] }
export interface EvalFigures {
  n: number; agree: number; rate: number;
  categories: Record<string, { n: number; agree: number; rate: number }>;
  flags: Record<string, { tp: number; predicted: number; actual: number; precision: number; recall: number }>;
}
export const SHOPS: EvalShop[];
export const VERDICTS: string[];
export function serveShops(): Promise<{ origins: Record<string, string>; close: () => Promise<unknown> }>;
export function evaluate(checker: unknown, options?: { concurrency?: number }): Promise<{ rows: EvalRow[]; tuning: EvalFigures; heldOut: EvalFigures; all: EvalFigures }>;
