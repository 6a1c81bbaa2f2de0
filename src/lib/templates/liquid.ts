import { Liquid, TokenizationError, ParseError } from "liquidjs"

export type TemplateProblem = {
  message: string
  /** 1-based line in the source, when the engine knows it. */
  line?: number
}

export type LiquidLimits = {
  /** Longest a single render may take, in milliseconds. */
  renderMs: number
  /** Largest source accepted, in characters. */
  parseChars: number
  /** Largest output a render may produce, in characters. */
  outputChars: number
}

export const DEFAULT_LIQUID_LIMITS: LiquidLimits = {
  renderMs: 200,
  parseChars: 500_000,
  outputChars: 2_000_000,
}

const FORBIDDEN_TAGS = ["include", "render", "layout"]

/**
 * A Liquid engine for merchant-written templates: in HTML every output is
 * escaped unless a template says `| raw`, nothing is read from the file
 * system, only own properties of the data are visible, and parse time,
 * render time and memory are bounded so one template cannot stall a send.
 */
export function createLiquid(
  limits: LiquidLimits = DEFAULT_LIQUID_LIMITS,
  { escape = true }: { escape?: boolean } = {}
): Liquid {
  const engine = new Liquid({
    // Subjects and text parts are not HTML: escaping would show "&amp;".
    outputEscape: escape ? "escape" : undefined,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
    // Dates in UTC unless a template names a zone, whatever the server's zone;
    // a numeric offset also spares each date two locale conversions.
    timezoneOffset: 0,
    parseLimit: limits.parseChars,
    renderLimit: limits.renderMs,
    memoryLimit: limits.outputChars,
    fs: {
      exists: async () => false,
      existsSync: () => false,
      readFile: async () => {
        throw new Error("templates cannot read files")
      },
      readFileSync: () => {
        throw new Error("templates cannot read files")
      },
      resolve: (_root: string, file: string) => file,
    },
  })
  for (const tag of FORBIDDEN_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`the {% ${tag} %} tag is not available in email templates`)
      },
      render() {
        return ""
      },
    })
  }
  return engine
}

/** Parses Liquid without rendering it; returns the problems found, with lines. */
export function validateLiquid(engine: Liquid, source: string): TemplateProblem[] {
  try {
    engine.parse(source)
    return []
  } catch (error) {
    return [toProblem(error)]
  }
}

export function toProblem(error: unknown): TemplateProblem {
  const err = error as Error & { token?: { getPosition?: () => [number, number] } }
  const position =
    error instanceof TokenizationError || error instanceof ParseError || err.token
      ? err.token?.getPosition?.()
      : undefined
  const message = (err.message ?? String(error)).split("\n")[0]
  return position ? { message, line: position[0] } : { message }
}
