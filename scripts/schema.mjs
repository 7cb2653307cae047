// Renders prisma/schema.template.prisma into one schema per database engine.
// Plain JavaScript so that `npm install` can run it before anything is compiled.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROVIDERS = ['sqlite', 'postgresql'];
const TEMPLATE = join(ROOT, 'prisma', 'schema.template.prisma');

export function schemaPath(provider) {
  return join(ROOT, 'prisma', provider, 'schema.prisma');
}

export function renderSchema(provider, template = readFileSync(TEMPLATE, 'utf8')) {
  const header = `// GENERATED from prisma/schema.template.prisma by \`npm run db:render\`. Do not edit.\n`;
  return header + template.replaceAll('{{provider}}', provider);
}

export function writeSchemas() {
  for (const provider of PROVIDERS) {
    mkdirSync(dirname(schemaPath(provider)), { recursive: true });
    writeFileSync(schemaPath(provider), renderSchema(provider));
  }
}
