#!/usr/bin/env node
/**
 * `npm run bench:capture`: runs the capture benchmark (bench/capture.bench.ts,
 * through Jest with bench/jest.config.js so Medusa's integration test runner
 * can boot the app from TypeScript sources; bench/driver.js), then writes the
 * results to bench/results/capture-<date>.json and into BENCHMARKS.md between
 * the `bench:capture` markers, and prints the same tables.
 *
 * Needs DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (scripts/with-db.js sets them;
 * by hand: DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres node bench/capture.js).
 * Env (defaults are the issue's sizes): BENCH_SCALE (1: 10,000 orders and
 * 10,000 carts replayed), BENCH_SWEEP_SCALE (1: 100,000 tracked carts),
 * BENCH_CONTACTS (10000), BENCH_CONCURRENCY (4), BENCH_CHECKOUT_PAIRS (60),
 * BENCH_SWEEP_RUNS (3), BENCH_SERIAL_PROBE (200).
 * `node bench/capture.js --render FILE.json` only re-renders saved results.
 */
const { savedResults, runBench, publish, n } = require("./driver")

function main() {
  const saved = savedResults()
  if (saved) {
    return publishCapture(saved)
  }
  const results = runBench("capture")
  if (!results.replay || !results.checkout || !results.sweep) {
    console.error("bench:capture: incomplete results")
    process.exit(1)
  }
  publishCapture(results)
}

const publishCapture = (results) =>
  publish("capture", render(results), {
    heading: "Capture",
    intro: "Events captured through the real subscribers and workflows: replay throughput and latency, the checkout with and without the plugin, and the abandoned-cart sweep.",
  })

function render({ meta, replay, checkout, sweep, wall_s }) {
  const pgVersion = String(meta.postgres).split(" on ")[0]
  const pgSettings = Object.entries(meta.postgres_settings || {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")
  const lines = []
  lines.push(
    `Captured ${meta.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:capture\`` +
      ((wall_s ?? meta.wall_s) ? ` (whole run ${n((wall_s ?? meta.wall_s) / 60, 1)} min)` : "") +
      `, BENCH_SCALE=${meta.scale}, BENCH_SWEEP_SCALE=${meta.sweep_scale ?? 1}.`,
    "",
    `Machine: ${meta.nproc} × ${meta.cpu}, ${meta.memory_gb} GB RAM, Node ${meta.node}, ${pgVersion} (${pgSettings}).` +
      (meta.loadavg_at_start
        ? ` Load average (1/5/15 min) ${meta.loadavg_at_start.join(" / ")} at the start, ${(meta.loadavg_at_end || []).join(" / ")} at the end.`
        : ""),
    ""
  )

  lines.push(
    `**Event replay** (${n(replay.contacts_before)} contacts before; subscriber handlers called ${replay.concurrency} at a time after ${replay.warmup_orders_and_carts} warm-up orders and carts; latency per event in ms)`,
    "",
    "| events | count | wall s | events/s | p50 | p95 | p99 | max |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  )
  const row = (label, p) =>
    `| ${label} | ${n(p.events)} | ${n(p.wall_s, 1)} | ${n(p.events_per_s, 1)} | ${n(p.latency_ms.p50, 1)} | ${n(p.latency_ms.p95, 1)} | ${n(p.latency_ms.p99, 1)} | ${n(p.latency_ms.max, 1)} |`
  lines.push(row("`order.placed`", replay.phases.order_placed))
  lines.push(row("`cart.created`", replay.phases.cart_created))
  lines.push(row("`cart.updated`", replay.phases.cart_updated))
  lines.push(row("**all three**", replay.total))
  if (replay.phases.order_placed_serial) {
    lines.push(row("`order.placed`, one at a time", replay.phases.order_placed_serial))
    lines.push(row("`cart.created`, one at a time", replay.phases.cart_created_serial))
  }
  const load = (x) => (x ? ` Load average (1 min) during this part: mean ${n(x.mean, 1)}, max ${n(x.max, 1)}.` : "")
  const c = replay.check
  lines.push(
    "",
    `After the replay: ${n(c.contacts)} contacts (${n(c.contacts_with_orders)} with orders, ${n(c.orders_counted)} orders counted), ` +
      `${n(c.order_events)} \`order_placed\` and ${n(c.cart_events)} \`cart_updated\` timeline events, ${n(c.tracked_carts)} tracked carts.` +
      load(replay.load1),
    ""
  )

  const w = checkout.with_plugin_ms
  const wo = checkout.without_plugin_ms
  lines.push(
    `**Checkout** (\`POST /store/carts/:id/complete\`, ${checkout.pairs} + ${checkout.pairs} interleaved after ${checkout.warmup_pairs} warm-up pairs; ms)`,
    "",
    "| | n | median | p95 | mean | max |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| with the plugin's subscribers | ${w.n} | ${n(w.p50, 1)} | ${n(w.p95, 1)} | ${n(w.mean, 1)} | ${n(w.max, 1)} |`,
    `| without (subscribers detached) | ${wo.n} | ${n(wo.p50, 1)} | ${n(wo.p95, 1)} | ${n(wo.mean, 1)} | ${n(wo.max, 1)} |`,
    `| **ratio with / without** | | **${n(checkout.ratio_median, 3)}** (95% CI ${n(checkout.ratio_median_ci95[0], 3)}–${n(checkout.ratio_median_ci95[1], 3)}) | ${n(checkout.ratio_p95, 3)} | ${n(checkout.ratio_mean, 3)} | |`,
    `| ratio per A/B pair, median | ${checkout.pairs} pairs | ${n(checkout.paired_ratio_median, 3)} (95% CI ${n(checkout.paired_ratio_median_ci95[0], 3)}–${n(checkout.paired_ratio_median_ci95[1], 3)}) | | | |`,
    `| plugin done, from request start | ${checkout.plugin_done_after_request_start_ms.n} | ${n(checkout.plugin_done_after_request_start_ms.p50, 1)} | ${n(checkout.plugin_done_after_request_start_ms.p95, 1)} | ${n(checkout.plugin_done_after_request_start_ms.mean, 1)} | ${n(checkout.plugin_done_after_request_start_ms.max, 1)} |`,
    `| plugin done, after the response | ${checkout.plugin_done_after_response_ms.n} | ${n(checkout.plugin_done_after_response_ms.p50, 1)} | ${n(checkout.plugin_done_after_response_ms.p95, 1)} | ${n(checkout.plugin_done_after_response_ms.mean, 1)} | ${n(checkout.plugin_done_after_response_ms.max, 1)} |`,
    "",
    `Plugin handlers run per checkout: ${Object.entries(checkout.plugin_handlers_per_checkout)
      .map(([event, count]) => `\`${event}\` × ${n(count, 1)}`)
      .join(", ") || "none"}.` + load(checkout.load1),
    ""
  )
  const detached = checkout.detached_one_at_a_time || []
  if (detached.length) {
    lines.push(
      "In the same rounds, the store with every plugin subscriber but one (ms; ratios against the store without any):",
      "",
      "| every subscriber but | n | median | p95 | ratio of medians to without | per round, median |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...detached.map(
        (arm) =>
          `| \`${arm.name.replace(/^without /, "")}\` | ${arm.ms.n} | ${n(arm.ms.p50, 1)} | ${n(arm.ms.p95, 1)} | ` +
          `${n(arm.ratio_median, 3)} (95% CI ${n(arm.ratio_median_ci95[0], 3)}–${n(arm.ratio_median_ci95[1], 3)}) | ${n(arm.paired_ratio_median, 3)} |`
      ),
      ""
    )
  }

  const sets = [
    ["nothing due", sweep.runs.nothing_due],
    [`${n(sweep.due_per_run)} due, no cart behind them → \`completed\``, sweep.runs.due_no_cart_completed],
    [`${n(sweep.due_per_run)} due, real carts with items → \`abandoned\``, sweep.runs.due_real_carts_abandoned],
  ]
  lines.push(
    `**Abandoned-cart sweep** over ${n(sweep.tracked_carts)} tracked carts (${n(sweep.recent_active)} active and recent, cut-off ${sweep.cutoff_minutes} min; ms)`,
    "",
    "| run set | runs | examined / run | median ms / run | min–max | ms per 1,000 carts |",
    "| --- | ---: | ---: | ---: | ---: | ---: |"
  )
  for (const [label, set] of sets) {
    const per = set.runs.map((r) => r.ms_per_1000_carts).filter((x) => x !== null)
    lines.push(
      `| ${label} | ${set.runs.length} | ${n(set.runs[0].examined)} | ${n(set.ms.p50, 1)} | ${n(Math.min(...set.runs.map((r) => r.ms)), 1)}–${n(set.ms.max, 1)} | ${per.length ? n(per.sort((a, b) => a - b)[Math.floor((per.length - 1) / 2)], 1) : "–"} |`
    )
  }
  lines.push(
    "",
    `Every run also asks discovery for new carts (none here: its cursor is past the carts that exist).${load(sweep.load1)}`,
    ...(sweep.batch_of_200_breakdown_ms
      ? [
          "",
          `One batch of 200 due carts, its parts called directly (median of 5, ms): candidate query ${n(sweep.batch_of_200_breakdown_ms.list_ms, 1)}, ` +
            `re-reading the carts through Query ${n(sweep.batch_of_200_breakdown_ms.read_carts_ms, 1)}, ` +
            `settling them (\`settleTrackedCarts\`) ${n(sweep.batch_of_200_breakdown_ms.settle_ms, 1)}.`,
        ]
      : []),
    "",
    "Candidate query (`listAbandonmentCandidates`, batch of 200, while 5% of the rows are due):",
    "",
    "```",
    sweep.plan,
    "```"
  )
  return lines.join("\n")
}

main()
