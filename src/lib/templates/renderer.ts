import type { Liquid, Template } from "liquidjs"
import {
  createLiquid,
  DEFAULT_LIQUID_LIMITS,
  LiquidLimits,
  TemplateProblem,
  toProblem,
  validateLiquid,
} from "./liquid"
import { CompiledLiquid, compileLiquid } from "./compiled-liquid"
import { compileMjml } from "./mjml"
import { htmlToText } from "./text"

/** One immutable version of a template, as stored. */
export type TemplateVersionSource = {
  /** Unique per version: the compile cache is keyed by it. */
  id: string
  subject: string
  preheader?: string | null
  mjml: string
  /** Plain-text override; generated from the HTML when absent. */
  text?: string | null
  /** HTML compiled earlier (kept with the version), to skip MJML entirely. */
  compiled_html?: string | null
}

export type RenderedMessage = { subject: string; preheader: string; html: string; text: string }

/** A parsed Liquid part and its compiled form, when the engine allows one. */
type Part = { templates: Template[]; fast: CompiledLiquid | null }

type Compiled = {
  html: Part
  subject: Part
  preheader: Part
  /** The text override, or text derived from the compiled HTML, Liquid kept. */
  text: Part
  compiledHtml: string
}

export type PartProblems = { part: string; problems: TemplateProblem[] }

/** One line naming each problem's part and line, for an error message. */
export function describeProblems(found: PartProblems[]): string {
  return found
    .flatMap(({ part, problems }) =>
      problems.map((p) => `${part}${p.line ? ` line ${p.line}` : ""}: ${p.message}`)
    )
    .join("; ")
}

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[], readonly part: string) {
    super(describeProblems([{ part, problems }]))
  }
}

/**
 * Renders emails in two stages: MJML is compiled to HTML, and that HTML to a
 * text part, once per template version (milliseconds), and cached; each
 * recipient then costs only Liquid renders (microseconds). Output is
 * HTML-escaped in the body and plain in the subject and text part.
 */
export class TemplateRenderer {
  private readonly html: Liquid
  private readonly plain: Liquid
  private readonly cache = new Map<string, Promise<Compiled>>()

  constructor(
    private readonly options: {
      limits?: LiquidLimits
      cacheSize?: number
      /** Render through liquidjs alone, without compiled closures (for comparison). */
      interpretLiquid?: boolean
    } = {}
  ) {
    const limits = options.limits ?? DEFAULT_LIQUID_LIMITS
    this.html = createLiquid(limits)
    this.plain = createLiquid(limits, { escape: false })
  }

  /** Checks MJML and Liquid of a version before it is saved; empty when valid. */
  async validate(version: Omit<TemplateVersionSource, "id">): Promise<PartProblems[]> {
    const found: PartProblems[] = []
    const check = (part: string, engine: Liquid, source?: string | null) => {
      if (source) {
        const problems = validateLiquid(engine, source)
        if (problems.length) {
          found.push({ part, problems })
        }
      }
    }
    check("subject", this.plain, version.subject)
    check("preheader", this.plain, version.preheader)
    check("text", this.plain, version.text)
    check("mjml", this.html, version.mjml)
    const { problems } = await compileMjml(version.mjml)
    if (problems.length) {
      found.push({ part: "mjml", problems })
    }
    return found
  }

  /** Compiles a version (or returns the cached compile) and gives its HTML to store. */
  async compile(version: TemplateVersionSource): Promise<string> {
    return (await this.compiled(version)).compiledHtml
  }

  async render(
    version: TemplateVersionSource,
    data: Record<string, unknown>
  ): Promise<RenderedMessage> {
    const compiled = await this.compiled(version)
    const preheader = await this.renderPart(this.plain, compiled.preheader, data, "preheader")
    const scope = { ...data, preheader }
    const html = await this.renderPart(this.html, compiled.html, scope, "html")
    const text = await this.renderPart(this.plain, compiled.text, scope, "text")
    return {
      subject: (await this.renderPart(this.plain, compiled.subject, scope, "subject"))
        .replace(/\s+/g, " ")
        .trim(),
      preheader,
      html,
      text,
    }
  }

  private compiled(version: TemplateVersionSource): Promise<Compiled> {
    const hit = this.cache.get(version.id)
    if (hit) {
      // Re-insert: the Map's order is the eviction order.
      this.cache.delete(version.id)
      this.cache.set(version.id, hit)
      return hit
    }
    const pending = this.compileVersion(version)
    pending.catch(() => this.cache.delete(version.id))
    this.cache.set(version.id, pending)
    const max = this.options.cacheSize ?? 500
    while (this.cache.size > max) {
      this.cache.delete(this.cache.keys().next().value as string)
    }
    return pending
  }

  private async compileVersion(version: TemplateVersionSource): Promise<Compiled> {
    let compiledHtml = version.compiled_html
    if (!compiledHtml) {
      const result = await compileMjml(version.mjml)
      compiledHtml = result.html
    }
    const parse = (engine: Liquid, source: string, part: string): Part => {
      let templates: Template[]
      try {
        templates = engine.parse(source)
      } catch (error) {
        throw new TemplateError([toProblem(error)], part)
      }
      return { templates, fast: this.options.interpretLiquid ? null : compileLiquid(engine, templates) }
    }
    return {
      compiledHtml,
      html: parse(this.html, compiledHtml, "html"),
      subject: parse(this.plain, version.subject, "subject"),
      preheader: parse(this.plain, version.preheader ?? "", "preheader"),
      text: parse(this.plain, version.text || htmlToText(compiledHtml), "text"),
    }
  }

  private async renderPart(
    engine: Liquid,
    template: Part,
    data: Record<string, unknown>,
    part: string
  ): Promise<string> {
    if (template.fast) {
      try {
        return template.fast(data)
      } catch {
        // liquidjs renders it again below and reports the error with its line.
      }
    }
    try {
      // Synchronous: no tag or filter here does I/O, and the async path costs
      // several times more per message.
      return String(engine.renderSync(template.templates, data))
    } catch (error) {
      throw new TemplateError([toProblem(error)], part)
    }
  }
}
