/** Where the e2e server keeps its permalinks (set as DATABASE_URL by playwright.config.ts; read back by the tests). */
export const E2E_DATABASE_FILE = ".test-data/e2e-playground.db";
