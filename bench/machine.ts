/**
 * What every benchmark records beside its numbers: the machine and the
 * Postgres it ran on, and how busy the machine was while it ran. This
 * machine may be shared, and the numbers only mean something next to that.
 */
import os from "node:os"
import { performance } from "node:perf_hooks"

type Sql = (text: string, bindings?: any[]) => Promise<any[]>

/** The 1-, 5- and 15-minute load averages, rounded to hundredths. */
export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100)

/** Cores, CPU, memory, Node and Postgres versions, and the Postgres settings named. */
export async function machineFacts(sql: Sql, settingNames: string[]) {
  const [{ version }] = await sql(`SELECT version()`)
  const settings = await sql(
    `SELECT name, setting, unit FROM pg_settings WHERE name IN (${settingNames.map(() => "?").join(", ")}) ORDER BY name`,
    settingNames
  )
  const cpus = os.cpus()
  return {
    nproc: cpus.length,
    cpu: cpus[0]?.model?.trim(),
    memory_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: version as string,
    postgres_settings: Object.fromEntries(
      settings.map((s: any) => [s.name, `${s.setting}${s.unit ? ` ${s.unit}` : ""}`])
    ) as Record<string, string>,
  }
}

// The 1-minute load average every 5 s, from the moment a benchmark loads this file.
const loadSamples: { at: number; load1: number }[] = []
const sampler = setInterval(() => loadSamples.push({ at: performance.now(), load1: os.loadavg()[0] }), 5000)
sampler.unref()

/** Mean and highest 1-minute load sampled since `start` (a `performance.now()`); null before the first sample. */
export function loadDuring(start: number): { mean: number; max: number } | null {
  const xs = loadSamples.filter((s) => s.at >= start).map((s) => s.load1)
  return xs.length
    ? { mean: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100, max: Math.max(...xs) }
    : null
}
