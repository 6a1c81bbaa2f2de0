#!/usr/bin/env node
/**
 * `npm run bench:segments`: the scoring and segmentation benchmark over a
 * synthetic store of a million contacts (bench/segments.bench.ts, through
 * Jest with bench/jest.config.js so Medusa's integration test runner can boot
 * the app from TypeScript sources, in a database it creates and drops;
 * bench/driver.js), then writes the results to bench/results/segments-<date>.json
 * and into BENCHMARKS.md between the `bench:segments` markers.
 *
 * Needs DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (scripts/with-db.js sets them;
 * by hand: DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres node bench/segments.js).
 * Env: BENCH_CONTACTS (1000000; 20000 runs in a couple of minutes),
 * BENCH_ORDERS, BENCH_EVENTS, BENCH_MESSAGES (5, 20 and 3 per contact),
 * BENCH_PRODUCTS (2000), BENCH_SINGLE (200), BENCH_PREVIEW_RUNS (5);
 * BENCH_PARTS=one-contact stops after the first refresh, measures only the
 * one-contact path and prints the results instead of publishing them;
 * BENCH_PARTS=hourly runs only the hourly job, BENCH_HOURS (3) times an hour
 * apart, and prints; BENCH_PARTS=settings stops after the first refresh and
 * times the drafted previews under several Postgres settings side by side,
 * and prints; BENCH_CPU_PROFILE=/tmp/prof saves the CPU profile of
 * each of those hours as /tmp/prof-<hour>.cpuprofile, and of the one-contact
 * runs as /tmp/prof-one-contact.cpuprofile.
 * `node bench/segments.js --render FILE.json` only re-renders saved results.
 */
const { savedResults, runBench, publish, n } = require("./driver")

const s = (v) => n(v, 1)
const mb = (bytes) => n(bytes / 1024 ** 2, 1)

function render(r) {
  const m = r.meta
  const settings = Object.entries(m.postgres_settings)
    .map(([key, value]) => `${key}=${value}`)
    .join(", ")
  const hourly = r.hourly_refresh
  const hourlyTotal = hourly.scores_s + hourly.segments_s
  const yes = (ok) => (ok ? "**yes**" : "**no**")
  const rows = r.store.rows
  const segmentRows = r.per_segment
    .map(
      (seg) =>
        `| ${seg.name} | ${n(seg.members)} | ${n(seg.refresh_ms)} | ${n(seg.match_ms)} | ${seg.plan[0]
          .replace(/\s*\(cost=[^)]*\)/, "")
          .replace(/\s*\(actual[^)]*\)/, "")
          .trim()} |`
    )
    .join("\n")
  const refreshRow = (label, part) =>
    `| ${label} | ${s(part.scores_s)} | ${n(part.scored)} | ${n(part.recounted)} | ${n(part.written)} | ${s(part.segments_s)} (${n(part.segments_refreshed)}) | +${n(part.memberships_entered)} / −${n(part.memberships_exited)} | ${s(part.total_s)} |`
  const tables = Object.entries(r.size.tables)
    .filter(([, bytes]) => bytes > 1024 ** 2)
    .map(([name, bytes]) => `${name} ${mb(bytes)}`)
    .join(", ")
  const load = (part) => (part.load ? `load ${part.load.mean} (max ${part.load.max})` : "")

  return `Measured ${m.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:segments\` (whole run ${s(r.wall_s / 60)} min).

Machine: ${m.nproc} × ${m.cpu}, ${m.memory_gb} GB RAM, Node ${m.node}, ${m.postgres.split(" on ")[0]} on the same machine (${settings}). Load average (1/5/15 min) ${m.loadavg_at_start.join(" / ")} at the start, ${m.loadavg_at_end.join(" / ")} at the end: ${m.loadavg_at_start[0] > m.nproc ? "other work was running on the machine" : "the machine was otherwise quiet"}.

Store: ${n(rows.contacts)} contacts (${n(rows.buyers)} buyers, ${n(rows.orders_counted)} orders counted), ${n(rows.contact_events)} timeline events (${n(rows.order_placed)} \`order_placed\`, ${n(rows.order_canceled)} \`order_canceled\`, ${n(rows.cart_updated)} \`cart_updated\`, ${n(rows.cart_abandoned)} \`cart_abandoned\`, ${n(rows.signed_up)} \`signed_up\`), ${n(rows.messages)} sent messages with ${n(rows.message_events)} opens and clicks, 4 lead-score rules, 20 segments. Generated in ${s(r.store.total_s)} s.

| goal | target | measured | met |
| --- | --- | --- | --- |
| full refresh of every score and the segments that read scores, as the hourly job finds the store | ≤ 30 s | ${s(hourly.scores_s)} s scores + ${s(hourly.segments_s)} s for ${n(hourly.segments_refreshed)} segments = ${s(hourlyTotal)} s | ${yes(hourlyTotal <= 30)} |
| every contact's scores counted from its events again, and every one of the 20 segments rebuilt (the nightly jobs) | – | ${s(r.nightly_scores.total_s)} s + ${s(r.nightly_segments.total_s)} s | |
| count preview of a new segment (p50 / p95) | ≤ 1 s | ${n(r.preview.drafts.p50)} / ${n(r.preview.drafts.p95)} ms | ${yes(r.preview.drafts.p95 <= 1000)} |
| one contact re-evaluated after an event (p50 / p95) | ≤ 5 ms p95 | ${s(oneContact(r).p50)} / ${s(oneContact(r).p95)} ms | ${yes(oneContact(r).p95 <= 5)} |
| database size per 1,000 contacts | – | ${mb(r.size.per_1000_contacts_bytes)} MB | |

**Full refreshes** (s; "contacts read": every contact on the fresh store, then those due or reached by a moved RFM cut point; "events counted for": contacts whose engagement and lead score were counted from their events, the others carried forward from what was stored; "rows written" are contacts whose scores changed)

| run | scores | contacts read | events counted for | rows written | segments (how many) | memberships | total |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${refreshRow("first, on the fresh store (every score and membership written, every segment built)", r.first_refresh)}
${refreshRow("an hour later (the hourly job: the segments that read scores)", hourly)}

\`refreshScores\` end to end two hours later (model stored, scores, segments): ${s(r.refresh_scores.total_s)} s, model \`${r.refresh_scores.model}\` (${hourly.model_reason}). Load during the runs: first ${load(r.first_refresh)}, hourly ${load(hourly)}.

**Each segment on its own**, after the refreshes (nothing to change): the refresh (\`refreshSegmentMembership\`) and its matching query under EXPLAIN ANALYZE (\`SELECT count(*)\` over the rule), ms.

| segment | members | refresh | matching | plan's top node |
| --- | ---: | ---: | ---: | --- |
${segmentRows}
${atOnceSummary(r.segments_at_once)}

**Count preview** (\`previewSegment\`: count and 10 sample contacts), ms: ${previewSummary(r.preview)}

${singleSection(r.single)}

**Size**: ${mb(r.size.total_bytes)} MB in the module's tables (${tables}; tables and indexes, TOAST included).`
}

/** Every segment rebuilt one at a time against a dependency level at a time, side by side. */
function atOnceSummary(x) {
  if (!x) {
    return ""
  }
  const total = x.levels.reduce((sum, count) => sum + count, 0)
  return `
**All ${total} segments rebuilt**, in the same state, three rounds alternating: one at a time (\`refreshSegmentMembership\` for each, the form whole-population rebuilds used before) ${s(x.one_at_a_time.p50 / 1000)} s at the median (${s(x.one_at_a_time.max / 1000)} s at most), against a dependency level at a time (\`rebuildSegmentsMembership\`, ${x.levels.join(" + ")} segments, as rebuilds run now) ${s(x.at_once.p50 / 1000)} s (${s(x.at_once.max / 1000)} s at most): a ratio of ${(x.at_once.p50 / x.one_at_a_time.p50).toFixed(3)}.`
}

/** What the goal is measured on: the re-check inside the event's workflow, or in runs before it, the subscriber. */
const oneContact = (r) => r.single.recheck ?? r.single.handler

function singleSection(single) {
  const row = (label, x) => `| ${label} | ${s(x.p50)} | ${s(x.p95)} | ${s(x.max)} |`
  const table = (rows) => `| | p50 | p95 | max |\n| --- | ---: | ---: | ---: |\n${rows.join("\n")}`
  if (single.recheck) {
    return `**One contact** after an event (rescore against the stored model, then that contact's segments, with one read and one write, as the last steps of the event's own workflow), ${single.recheck.n} random contacts after 20 warm-up ones; each iteration runs an event's workflow and then the rows below on other contacts, so all see the same conditions, ms:

${table([
  row("the re-check in the event's workflow, from its first step to the end of the run", single.recheck),
  row("the event's whole workflow (one step of its own that does nothing, then the re-check)", single.event_workflow),
  row("the same re-check as a workflow of its own after the event (\`refreshContactsWorkflow\`, as the \`marketing.contacts_changed\` subscriber runs it)", single.own_workflow),
  row("its work outside a workflow (\`refreshContacts\`: the read, rescore, segments in memory, the write)", single.work),
  row("its one read (\`readContactRefresh\`: model, rules, segments and the contact's rows)", single.read),
  row("any workflow run in Medusa (one step that does nothing), for scale", single.empty_workflow),
])}`
  }
  // Results saved before the re-check moved into the event's workflow timed the subscriber.
  const parts = single.read
    ? [
        row("its one read (`readContactRefresh`: model, rules, segments and the contact's rows), on other contacts", single.read),
        ...(single.work
          ? [row("its step's work outside a workflow (`refreshContacts`: the read, rescore, segments in memory, the write), on other contacts", single.work)]
          : []),
        row("any workflow run in Medusa (one step that does nothing), for scale", single.empty_workflow),
      ]
    : [
        row("its rescore (`scoreContactsWorkflow`)", single.rescore),
        row("its segment refresh (`refreshSegmentsWorkflow` for the contact)", single.segments),
      ]
  return `**One contact** after an event (the \`marketing.contacts_changed\` subscriber: rescore against the stored model, then that contact's segments${single.read ? ", one workflow with one read and one write" : ""}), ${single.handler.n} random contacts after 20 warm-up ones${single.work ? "; each iteration runs the subscriber and then the rows below on other contacts, so all see the same conditions" : ""}, ms:

${table([row("the subscriber", single.handler), ...parts])}`
}

function previewSummary(preview) {
  const d = preview.drafts
  const e = preview.existing_rules
  return `${d.n} previews of ${preview.draft_rules} drafted rules (${preview.runs} each), p50 ${n(d.p50)}, p95 ${n(d.p95)}, max ${n(d.max)}; the 20 segments' own rules previewed once each, p50 ${n(e.p50)}, p95 ${n(e.p95)}, max ${n(e.max)}.${draftMedians(preview.by_draft)}`
}

/** Each drafted rule's median, where the run recorded them. */
function draftMedians(byDraft) {
  if (!byDraft) {
    return ""
  }
  const medians = Object.entries(byDraft).map(([name, s]) => `${name} ${n(s.p50)}`)
  return ` Median per drafted rule: ${medians.join("; ")}.`
}

function main() {
  const results = savedResults() ?? runBench("segments")
  if (results.meta.parts === "one-contact") {
    // A partial run is not the measurement of record: it is printed, not published.
    console.log(JSON.stringify({ sizes: results.meta.sizes, first_refresh: results.first_refresh, single: results.single }, null, 2))
    return
  }
  if (results.meta.parts === "settings") {
    console.log(JSON.stringify({ sizes: results.meta.sizes, settings: results.settings }, null, 2))
    return
  }
  if (results.meta.parts === "hourly") {
    console.log(JSON.stringify({ sizes: results.meta.sizes, first_refresh: results.first_refresh, hours: results.hours }, null, 2))
    return
  }
  publish("segments", render(results), {
    heading: "Scoring and segments",
    intro:
      "Goals: a full refresh of every contact's scores and of 20 typical segments in at most 30 s on this 2-core machine; a count preview of a new segment in at most 1 s; one contact re-evaluated after an event in at most 5 ms (p95); and the database size per 1,000 contacts, at 1,000,000 contacts, 5,000,000 orders and 20,000,000 timeline events.",
  })
}

main()
