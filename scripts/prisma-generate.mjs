// Generates the Prisma client for both engines after `npm install`.
// `prisma generate` does not run the native schema engine, but the CLI insists on downloading it first;
// machines without access to Prisma's binaries host fail there. When the engine is absent we point
// PRISMA_SCHEMA_ENGINE_BINARY at any executable (node itself) so generation proceeds offline. A machine
// that has the real engine keeps its normal behaviour.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PROVIDERS, ROOT, schemaPath, writeSchemas } from './schema.mjs';

function hasNativeSchemaEngine() {
  try {
    const require = createRequire(join(ROOT, 'package.json'));
    const enginesDir = dirname(require.resolve('@prisma/engines/package.json'));
    return readdirSync(enginesDir).some((name) => name.startsWith('schema-engine-'));
  } catch {
    return false;
  }
}

writeSchemas();
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const cli = join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(cli)) {
  console.error('prisma is not installed; run npm install.');
  process.exit(1);
}
for (const provider of PROVIDERS) {
  execFileSync(process.execPath, [cli, 'generate', '--schema', schemaPath(provider)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
