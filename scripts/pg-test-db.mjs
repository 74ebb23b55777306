// Creates or drops the PostgreSQL database a test run uses, through postgres.js (no psql needed).
//   node scripts/pg-test-db.mjs create <admin-url>   prints the new database's URL, or exits 3 if no server answers
//   node scripts/pg-test-db.mjs drop <database-url>  drops it and every per-file database made from it
import postgres from "postgres";

const [command, target] = process.argv.slice(2);
if (!target || (command !== "create" && command !== "drop")) {
  console.error("usage: pg-test-db.mjs create|drop <url>");
  process.exit(2);
}

const url = new URL(target);
if (command === "create") {
  const sql = postgres(target, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    console.error(`no PostgreSQL server answers at ${url.host}: ${error.message}`);
    process.exit(3);
  }
  const name = `dynamo_ci_${Math.random().toString(16).slice(2, 10)}`;
  await sql.unsafe(`create database "${name}"`);
  await sql.end();
  url.pathname = `/${name}`;
  console.log(url.toString());
} else {
  const name = url.pathname.slice(1);
  if (!/^dynamo_ci_[0-9a-f]+$/.test(name)) {
    console.error(`refusing to drop ${name}: not a test database`);
    process.exit(2);
  }
  url.pathname = "/postgres";
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const databases = await sql`select datname from pg_database where datname like ${`${name}%`}`;
  for (const { datname } of databases) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  await sql.end();
  console.log(`dropped ${databases.length} test database(s)`);
}
