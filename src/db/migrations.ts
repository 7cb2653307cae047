// Migrations without Prisma's native engine: the WebAssembly schema engine reads the standard
// prisma/<provider>/migrations folders (so `prisma migrate deploy` keeps working wherever the native
// engine exists) and applies what is missing, recording it in `_prisma_migrations`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { connectShadowDatabase, createAdapterFactory, disposeQuietly } from './adapter.ts';
import { type Provider, prismaDir } from './provider.ts';
import { loadSchemaEngine } from './schema-engine.ts';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export function readMigrationList(dir: string): MigrationList {
  const migrationsDir = join(dir, 'migrations');
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8') },
      },
    })),
    shadowDbInitScript: '',
  };
}

async function withEngine<T>(
  databaseUrl: string,
  schemaDir: string,
  work: (engine: Awaited<ReturnType<Awaited<ReturnType<typeof loadSchemaEngine>>['new']>>) => Promise<T>,
): Promise<T> {
  const SchemaEngine = await loadSchemaEngine();
  const { factory } = createAdapterFactory(databaseUrl);
  // The engine opens connections through the factory but never closes them when freed; we track them
  // and close them ourselves, or a second run in the same process finds the SQLite file still locked.
  const opened: Array<() => Promise<void>> = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => {
      const shadow = await connectShadowDatabase(databaseUrl);
      opened.push(shadow.release);
      return scriptAware(shadow.adapter);
    },
  };
  function remember(adapter: SqlDriverAdapter): SqlDriverAdapter {
    opened.push(() => disposeQuietly(adapter));
    return adapter;
  }
  const schemaFile = join(schemaDir, 'schema.prisma');
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaFile, readFileSync(schemaFile, 'utf8')]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    for (const close of opened.reverse()) await close();
  }
}

/**
 * The engine replays migrations into the shadow database with `executeRaw` and the whole migration file,
 * which better-sqlite3 refuses ("contains more than one statement"). A parameterless raw statement is
 * sent as a script instead; everything else goes to the adapter unchanged.
 */
function scriptAware(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === 'executeRaw') {
        return async (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => {
          if (query.args.length === 0) {
            await target.executeScript(query.sql);
            return 0;
          }
          return target.executeRaw(query);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Applies every migration the database has not seen; returns the names applied (none the second time). */
export async function applyMigrations(
  databaseUrl: string,
  provider: Provider,
  root?: string,
): Promise<string[]> {
  const dir = prismaDir(provider, root);
  return withEngine(databaseUrl, dir, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationList(dir),
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  });
}

/**
 * Writes a new migration when the rendered schema differs from what the existing migrations build.
 * Works offline: the SQL comes from diffing the migrations (replayed into a shadow database) with the schema.
 * Returns the new folder name, or null when there is nothing to migrate.
 */
export async function createMigration(
  databaseUrl: string,
  provider: Provider,
  name: string,
  options: { root?: string; now?: Date } = {},
): Promise<string | null> {
  const dir = prismaDir(provider, options.root);
  const schemaFile = join(dir, 'schema.prisma');
  const list = readMigrationList(dir);
  const sql = await withEngine(databaseUrl, dir, async (engine) => {
    const result = await engine.diff({
      from: list.migrationDirectories.length > 0 ? { tag: 'migrations', ...list } : { tag: 'empty' },
      to: {
        tag: 'schemaDatamodel',
        files: [{ path: schemaFile, content: readFileSync(schemaFile, 'utf8') }],
      },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  });
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) return null;
  const stamp = (options.now ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
  const migrationsDir = join(dir, 'migrations');
  mkdirSync(join(migrationsDir, folder), { recursive: true });
  writeFileSync(join(migrationsDir, folder, 'migration.sql'), sql);
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
  }
  return folder;
}
