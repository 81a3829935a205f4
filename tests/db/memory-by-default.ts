// Imported first by every database test file, before anything opens the database: without
// DATABASE_URL the suite must use a throwaway memory database, never the app's data folder.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
