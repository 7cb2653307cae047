// Loads Prisma's WebAssembly schema engine without `--experimental-wasm-modules`.
// The package is built for bundlers (its entry imports the .wasm as an ES module, which Node 20 refuses),
// so we read the bytes and wire the module up the way its entry file would.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
};

// Node has WebAssembly at run time; TypeScript's ES libs do not describe it, so we name what we use.
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loaded: Promise<typeof SchemaEngine> | undefined;

export function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const bindingsFile = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Bindings;
    const bytes = await readFile(join(dirname(bindingsFile), 'schema_engine_bg.wasm'));
    const { instance } = await wasm.instantiate(bytes, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return loaded;
}
