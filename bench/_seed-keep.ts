import { createTestDatabase } from '../tests/support/test-database.ts';
import { seedPortfolio } from './portfolio/seed.ts';
const d = await createTestDatabase();
await seedPortfolio(d.db);
await d.close();
console.log(d.url);
