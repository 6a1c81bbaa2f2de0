import { performance } from "node:perf_hooks"
import {
  AssignTag,
  CaptureTag,
  Context,
  Drop,
  evalToken,
  Expression,
  Filter,
  ForTag,
  IfTag,
  isTruthy,
  Liquid,
  Output,
  Template,
  Token,
  toValue,
  toValueSync,
  TypeGuards,
  UnlessTag,
  Value,
} from "liquidjs"

/**
 * Renders liquidjs's parsed templates through closures built once per
 * template, instead of through liquidjs's generators. liquidjs still parses,
 * validates and owns every filter, operator and tag: output, `if`, `unless`,
 * `for`, `assign` and `capture` run as closures that call liquidjs's filters
 * and operators, and any other tag runs through liquidjs itself on the same
 * context. The result is the string liquidjs would render (the unit tests
 * compare the two on every starter and on generated templates); a render
 * that throws is to be rendered again by liquidjs, which reports the error
 * with its line.
 *
 * Why: liquidjs evaluates every tag, output and filter as a generator so that
 * one engine serves sync and async rendering. For an email that is most of
 * the cost of a message (toValueSync and the garbage it leaves), and sends
 * render every message twice (HTML and text part).
 */
export type CompiledLiquid = (data: object) => string

type Out = { s: string }
type Write = (ctx: Context, out: Out) => void
type Evaluate = (ctx: Context) => unknown

// Members liquidjs keeps private in its types but relies on across classes.
type FilterInternals = {
  handler: (...args: unknown[]) => unknown
  args: (Token | [string?, Token?])[]
  token: Token
  liquid: Liquid
}
type ContextInternals = { findScope(key: unknown): unknown }
type AssignInternals = { key: string; value: Value }
type PropertyAccess = { variable?: Token; props: Token[] }

/** Returns null when the engine's options need liquidjs's own evaluation. */
export function compileLiquid(engine: Liquid, templates: Template[]): CompiledLiquid | null {
  const options = engine.options
  if (options.strictVariables || options.keepOutputType || options.catchAllErrors) {
    return null
  }
  const body = compileSequence(templates)
  return (data) => {
    const ctx = new Context(data, options, { sync: true }, { liquid: engine })
    const out: Out = { s: "" }
    body(ctx, out)
    return out.s
  }
}

function compileSequence(templates: Template[]): Write {
  const nodes = templates.map(compileNode)
  return (ctx, out) => {
    ctx.renderLimit.check(performance.now())
    for (const node of nodes) {
      node(ctx, out)
      if (ctx.breakCalled || ctx.continueCalled) {
        return
      }
    }
  }
}

function compileNode(template: Template): Write {
  if (TypeGuards.isHTMLToken(template.token)) {
    const html = (template as unknown as { str: string }).str
    return (_ctx, out) => {
      out.s += html
    }
  }
  if (template instanceof Output) {
    const value = compileValue(template.value)
    return (ctx, out) => {
      out.s += stringify(value(ctx))
    }
  }
  if (template instanceof IfTag) {
    return compileBranches(
      template.branches.map((b) => ({ ...b, test: isTruthy })),
      template.elseTemplates ?? []
    )
  }
  if (template instanceof UnlessTag) {
    return compileBranches(template.branches, template.elseTemplates)
  }
  if (template instanceof ForTag) {
    return compileFor(template)
  }
  if (template instanceof AssignTag) {
    const { key, value } = template as unknown as AssignInternals
    const evaluate = compileValue(value)
    return (ctx) => {
      ctx.bottom()[key] = evaluate(ctx)
    }
  }
  if (template instanceof CaptureTag) {
    const { variable } = template
    const body = compileSequence(template.templates)
    return (ctx) => {
      const captured: Out = { s: "" }
      body(ctx, captured)
      ctx.bottom()[variable] = captured.s
    }
  }
  return (ctx, out) => {
    const emitter = {
      buffer: "",
      write: (html: unknown) => {
        out.s += stringify(html)
      },
    }
    const html = toValueSync(template.render(ctx, emitter))
    if (html) {
      emitter.write(html)
    }
  }
}

function compileBranches(
  branches: { value: Value; test: (value: unknown, ctx: Context) => boolean; templates: Template[] }[],
  elseTemplates: Template[]
): Write {
  const compiled = branches.map((b) => ({
    value: compileValue(b.value),
    test: b.test,
    body: compileSequence(b.templates),
  }))
  const otherwise = compileSequence(elseTemplates)
  return (ctx, out) => {
    for (const branch of compiled) {
      // isTruthy and isFalsy read a drop's value themselves.
      if (branch.test(branch.value(ctx), ctx)) {
        branch.body(ctx, out)
        return
      }
    }
    otherwise(ctx, out)
  }
}

/** What `forloop` reads as inside a loop, as liquidjs's own loop object. */
class LoopDrop extends Drop {
  i: number
  length: number
  name: string
  constructor(length: number, collection: string, variable: string) {
    super()
    this.i = 0
    this.length = length
    this.name = `${variable}-${collection}`
  }
  next() {
    this.i++
  }
  index0() {
    return this.i
  }
  index() {
    return this.i + 1
  }
  first() {
    return this.i === 0
  }
  last() {
    return this.i === this.length - 1
  }
  rindex() {
    return this.length - this.i
  }
  rindex0() {
    return this.length - this.i - 1
  }
  valueOf() {
    return JSON.stringify(this)
  }
}

const MODIFIERS = ["offset", "limit", "reversed"]

function compileFor(tag: ForTag): Write {
  const collection = compileToken(tag.collection)
  const collectionText = tag.collection.getText()
  const continueKey = `continue-${tag.variable}-${collectionText}`
  const variable = tag.variable
  const hash = Object.entries(tag.hash.hash).map(([key, token]) => ({
    key,
    // A bare modifier (`reversed`) is true.
    value: token === undefined ? () => true : compileToken(token),
  }))
  const body = compileSequence(tag.templates)
  const otherwise = compileSequence(tag.elseTemplates)
  return (ctx, out) => {
    let items = toEnumerable(collection(ctx))
    if (!items.length) {
      otherwise(ctx, out)
      return
    }
    let offset = 0
    if (hash.length) {
      // `offset: continue` reads where the previous loop over this collection stopped.
      ctx.push(Object.assign(Object.create(null), { continue: ctx.getRegister(continueKey, {}) }))
      const values: Record<string, unknown> = {}
      for (const { key, value } of hash) {
        values[key] = value(ctx)
      }
      ctx.pop()
      const modifiers = ctx.opts.orderedFilterParameters
        ? Object.keys(values).filter((key) => MODIFIERS.includes(key))
        : MODIFIERS.filter((key) => values[key] !== undefined)
      for (const modifier of modifiers) {
        items =
          modifier === "offset"
            ? items.slice(values.offset as number)
            : modifier === "limit"
              ? items.slice(0, values.limit as number)
              : [...items].reverse()
      }
      offset = (values.offset as number) || 0
    }
    ctx.setRegister(continueKey, offset + items.length)
    const forloop = new LoopDrop(items.length, collectionText, variable)
    const scope: Record<string, unknown> = Object.create(null)
    scope.forloop = forloop
    ctx.push(scope)
    for (const item of items) {
      scope[variable] = item
      ctx.continueCalled = ctx.breakCalled = false
      body(ctx, out)
      if (ctx.breakCalled) {
        break
      }
      forloop.next()
    }
    ctx.continueCalled = ctx.breakCalled = false
    ctx.pop()
  }
}

function compileValue(value: Value): Evaluate {
  const initial = compileExpression(value.initial)
  const filters = value.filters.map(compileFilter)
  if (!filters.length) {
    return initial
  }
  return (ctx) => {
    let result = initial(ctx)
    for (const filter of filters) {
      result = filter(result, ctx)
    }
    return result
  }
}

function compileFilter(filter: Filter): (value: unknown, ctx: Context) => unknown {
  const { handler, args, token, liquid } = filter as unknown as FilterInternals
  const compiled = args.map((arg) =>
    Array.isArray(arg) ? { key: arg[0], value: compileToken(arg[1]) } : { value: compileToken(arg) }
  )
  return (value, ctx) => {
    const argv: unknown[] = [value]
    for (const arg of compiled) {
      argv.push("key" in arg ? [arg.key, arg.value(ctx)] : arg.value(ctx))
    }
    // A filter may be a generator; toValueSync runs it and passes any other value through.
    return toValueSync(handler.apply({ context: ctx, token, liquid }, argv))
  }
}

const BINARY = new Set(["==", "!=", ">", "<", ">=", "<=", "contains", "and", "or"])

function compileExpression(expression: Expression): Evaluate {
  const { postfix } = expression
  if (postfix.length === 1 && !TypeGuards.isOperatorToken(postfix[0])) {
    return compileToken(postfix[0])
  }
  const operators = postfix.filter(TypeGuards.isOperatorToken).map((t) => t.operator)
  if (operators.some((op) => op !== "not" && !BINARY.has(op))) {
    return (ctx) => toValueSync(expression.evaluate(ctx, false))
  }
  const steps = postfix.map((token): { operator: string; operand?: Evaluate } =>
    TypeGuards.isOperatorToken(token)
      ? { operator: token.operator }
      : { operator: "", operand: compileToken(token) }
  )
  return (ctx) => {
    const operands: unknown[] = []
    for (const step of steps) {
      if (step.operand) {
        operands.push(step.operand(ctx))
        continue
      }
      const apply = ctx.opts.operators[step.operator] as (...args: unknown[]) => unknown
      const right = operands.pop()
      operands.push(
        toValueSync(step.operator === "not" ? apply(right, ctx) : apply(operands.pop(), right, ctx))
      )
    }
    return operands[0]
  }
}

/** As liquidjs's `evalToken`, without strict variables. */
function compileToken(token: Token | undefined): Evaluate {
  if (!token) {
    return () => undefined
  }
  if ("content" in token) {
    const content = (token as { content: unknown }).content
    return () => content
  }
  if (TypeGuards.isPropertyAccessToken(token)) {
    return compilePropertyAccess(token as unknown as PropertyAccess)
  }
  // Ranges and grouped expressions: rare in emails, left to liquidjs.
  return (ctx) => toValueSync(evalToken(token, ctx, false))
}

function compilePropertyAccess({ variable, props }: PropertyAccess): Evaluate {
  const fixed = props.every((p) => "content" in p && ["string", "number"].includes(typeof (p as { content: unknown }).content))
    ? props.map((p) => (p as unknown as { content: string | number }).content)
    : null
  const keyOf = props.map(compileToken)
  const root = variable ? compileToken(variable) : null
  return (ctx) => {
    const keys = fixed ?? keyOf.map((k) => toValue(k(ctx)))
    let scope = root ? root(ctx) : (ctx as unknown as ContextInternals).findScope(keys[0])
    for (const key of keys) {
      scope = ctx.readProperty(scope as never, key as never)
    }
    return scope
  }
}

/** liquidjs's conversion of a value to output text. */
function stringify(value: unknown): string {
  const v = toValue(value)
  if (typeof v === "string") {
    return v
  }
  if (v === null || v === undefined) {
    return ""
  }
  if (Array.isArray(v)) {
    return v.map(stringify).join("")
  }
  return String(v)
}

/** liquidjs's conversion of a `for` collection to the items it loops over. */
function toEnumerable(value: unknown): unknown[] {
  const v = toValue(value)
  if (Array.isArray(v)) {
    return v
  }
  if (typeof v === "string") {
    return v.length ? [v] : []
  }
  if (v && typeof (v as Iterable<unknown>)[Symbol.iterator] === "function") {
    return Array.from(v as Iterable<unknown>)
  }
  if (v && (typeof v === "object" || typeof v === "function")) {
    return Object.entries(v)
  }
  return []
}
