import { readFileSync } from "node:fs"
import { join } from "node:path"
import { NormalizedEmailEvent, WebhookRequest } from "../types"

/** A fixture's exact bytes: signatures are computed over the raw body, so it is never re-serialised. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, "fixtures", name), "utf8")
}

export function request(
  rawBody: string,
  headers: Record<string, string | undefined> = {},
  secret?: string | null
): WebhookRequest {
  return { rawBody, headers, secret }
}

export function keysOf(events: NormalizedEmailEvent[]): string[] {
  return events.map((event) => event.idempotency_key)
}
