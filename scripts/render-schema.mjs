import { writeSchemas } from './schema.mjs';

writeSchemas();
console.log('Rendered prisma/sqlite/schema.prisma and prisma/postgresql/schema.prisma.');
