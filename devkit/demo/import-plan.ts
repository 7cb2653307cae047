// The plan goes in the way a PMO puts it in: a YAML file read by `okra import` (the real CLI importer).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runImport } from '../../src/cli/import-export.ts';

export interface ImportRun {
  file: string;
  report: string;
}

export async function importPlanFile(
  outDir: string,
  name: string,
  plan: Record<string, unknown>,
  databaseUrl: string,
  teamId: string,
  now: Date,
): Promise<ImportRun> {
  const file = join(outDir, name);
  writeFileSync(file, `# Fernhill Analytics, written by npm run demo\n${stringify(plan, { lineWidth: 0 })}`);
  let out = '';
  let err = '';
  const code = await runImport([file, '--team', teamId], {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text) },
    databaseUrl,
    now,
  });
  if (code !== 0) throw new Error(`okra import ${file} failed:\n${err}`);
  return { file, report: out.trim() };
}
