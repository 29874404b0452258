import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './main/core/**/schema.ts',
  out: './main/core/db/migrations',
});
