// `okra <command>`: admin tasks from a terminal. Reads DATABASE_URL (and .env) like the app.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { applyMigrations, createMigration } from '../db/migrations.ts';
import { PROVIDERS_ALL, providerOf, redactUrl } from '../db/provider.ts';
import { EXPORT_USAGE, IMPORT_USAGE, runExport, runImport } from './import-export.ts';

const USAGE = `Usage: okra <command>

  migrate                     apply pending database migrations (also done at start)
  migration new <name>        write a new migration for both engines after changing prisma/schema.template.prisma
                              (run npm run db:render first); needs a scratch PostgreSQL for the PostgreSQL side:
                              OKRA_MIGRATION_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres
  import <file> [options]     import a plan (YAML, or key_results.csv with its sibling CSV files):
                              ${IMPORT_USAGE}
                              --team: the Slack team id (needed while the database has no workspace);
                              --dry-run: check and count everything, write nothing
  export [options]            export a cycle's plan (default: the current cycle, YAML on stdout):
                              ${EXPORT_USAGE}
  demo [--seed N] [--out DIR] see Okra work without a Slack app: a week of a sample quarter against a stand-in
                              for Slack, written to ./demo-output (from a checkout: npm run demo does the same)
  help                        this text
`;

const databaseUrl = () => z.string().default('file:./data/okra.db').parse(process.env.DATABASE_URL);

export async function runCli(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const url = databaseUrl();
      const applied = await applyMigrations(url, providerOf(url));
      out.write(
        applied.length
          ? `Applied ${applied.join(', ')} to ${redactUrl(url)}\n`
          : `${redactUrl(url)} is up to date.\n`,
      );
      return 0;
    }
    case 'migration': {
      const name = rest[0] === 'new' ? rest[1] : undefined;
      if (!name) {
        err.write('Give the migration a name: okra migration new add_risk_owner\n');
        return 2;
      }
      const scratch = {
        sqlite: 'file::memory:',
        postgresql: process.env.OKRA_MIGRATION_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      } as const;
      for (const provider of PROVIDERS_ALL) {
        const folder = await createMigration(scratch[provider], provider, name);
        out.write(
          folder
            ? `${provider}: wrote prisma/${provider}/migrations/${folder}\n`
            : `${provider}: no changes\n`,
        );
      }
      return 0;
    }
    case 'import':
      return runImport(rest, { out, err, databaseUrl: databaseUrl() });
    case 'export':
      return runExport(rest, { out, err, databaseUrl: databaseUrl() });
    case undefined:
    case 'help':
    case '--help':
      out.write(USAGE);
      return 0;
    default:
      err.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

if (existsSync('.env')) process.loadEnvFile('.env');
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`okra: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
