/**
 * Segment rules: a JSON language (`schema.ts`), compiled to SQL for set-based
 * refreshes (`compile-sql.ts`) and evaluated in memory for one contact when
 * an event arrives (`evaluate.ts`). The two decide identically; the choices
 * that make that true, and that a merchant sees:
 *
 * - A comparison on an unset field is false, negative ones too (`neq`,
 *   `not_contains`, `not_in`, `more_than_ago`); only `is_not_set` is true.
 *   An empty string is set. A "none" group negates the whole comparison, so
 *   `none [last_name neq "x"]` matches contacts without a last name.
 * - email, first_name and last_name compare case-insensitively by folding
 *   A–Z only, so the result never depends on the database's locale.
 * - Relative windows count from `now`: `in_last` and behaviour windows are
 *   [now - window, now], `in_next` is [now, now + window], both ends
 *   included; `more_than_ago` is strictly older; `before`/`after` are strict.
 *   Days and weeks are 24-hour multiples, months calendar months in UTC.
 * - Times compare to the millisecond (what JavaScript reads); calendar
 *   dates ("YYYY-MM-DD") mean UTC midnight; month-days are read in UTC.
 * - Numbers compare as doubles, `real` columns as single-precision floats.
 */
export * from "./compile-sql"
export * from "./errors"
export * from "./evaluate"
export * from "./fields"
export * from "./limits"
export * from "./references"
export * from "./schema"
export * from "./sql-params"
export * from "./time"
export * from "./values"
export * from "./boundaries"
export * from "./behaviour"
export * from "./memberships"
export * from "./refresh-rows"
