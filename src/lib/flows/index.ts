/**
 * Flows: automated sequences (welcome series, abandoned cart, win-back,
 * birthday) as a pure engine. `definition.ts` is the JSON language a flow
 * version stores; `validate.ts` checks its graph; `machine.ts` moves one
 * run on by one input and says which effect to perform; `simulate.ts`
 * runs a flow on a simulated clock for previews. The store side keeps runs
 * in tables, wakes them with a job and performs effects, each under the
 * effect's key so it happens exactly once.
 *
 * The choices a merchant sees:
 *
 * - Durations are exact: a day is 24 hours. "At 09:00" (wait_until, date
 *   triggers) is wall-clock time in the contact's zone, else the store's,
 *   else UTC, and stays 09:00 across daylight-saving changes.
 * - A loop must go through a wait; a run entering one step more than
 *   `MAX_STEP_VISITS` times fails.
 * - Exit events end a run whatever it is doing; the goal event counts a
 *   conversion once and lets the run go on unless it is also an exit event.
 * - Data conditions read event payloads like segment rules read profiles:
 *   a comparison with a missing value is false, `neq` too.
 */
export * from "./data-conditions"
export * from "./definition"
export * from "./effects"
export * from "./errors"
export * from "./local-time"
export * from "./machine"
export * from "./random"
export * from "./references"
export * from "./registry"
export * from "./simulate"
export * from "./step-types"
export * from "./triggers"
export * from "./validate"
