import { randomBytes } from "crypto"
import { readdirSync, readFileSync } from "fs"
import { join } from "path"
import { Client } from "pg"

const MIGRATIONS_DIR = join(__dirname, "../../../modules/marketing/migrations")

/**
 * The module's real DDL: every statement of every migration's `up()`, in
 * order, read from the migration sources so the test tables cannot drift
 * from the ones the compiled SQL runs over in production.
 */
export function migrationStatements(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^Migration\d+\.ts$/.test(file))
    .sort()
    .flatMap((file) => {
      const source = readFileSync(join(MIGRATIONS_DIR, file), "utf8")
      const up = source.slice(source.indexOf("async up()"), source.indexOf("async down()"))
      return [...up.matchAll(/this\.addSql\(`([^`]*)`\)/g)].map((match) => match[1])
    })
}

export type ThrowawayDatabase = { client: Client; name: string; locale: string; drop: () => Promise<void> }

/**
 * A database of its own, migrated, dropped by `drop()`. Where the server has
 * ICU it uses the Turkish collation, whose lower() maps "I" to a dotless
 * "ı": the harshest locale for anything that leans on the database's idea
 * of case or order.
 */
export async function createThrowawayDatabase(adminUrl: string): Promise<ThrowawayDatabase> {
  const name = `segments_prop_${randomBytes(6).toString("hex")}`
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  let locale = "tr-TR (ICU)"
  try {
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'tr-TR' LOCALE 'C'`
    )
  } catch {
    locale = "server default"
    await admin.query(`CREATE DATABASE ${name}`)
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  for (const statement of migrationStatements()) {
    await client.query(statement)
  }
  return {
    client,
    name,
    locale,
    drop: async () => {
      await client.end().catch(() => undefined)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** One multi-row INSERT; values are parameters like everything else. */
export async function insertRows(client: Client, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) {
    return
  }
  const columns = Object.keys(rows[0])
  const values: unknown[] = []
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      values.push(row[column])
      return `$${values.length}`
    })
    return `(${placeholders.join(", ")})`
  })
  await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values)
}
