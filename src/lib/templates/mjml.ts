import { TemplateProblem } from "./liquid"

type Mjml2Html = (typeof import("mjml"))["default"]

let mjml2html: Promise<Mjml2Html> | undefined

// mjml costs ~0.3 s to load; only processes that compile templates pay it.
function loadMjml(): Promise<Mjml2Html> {
  mjml2html ??= import("mjml").then((mod) => mod.default)
  return mjml2html
}

export type CompiledMjml = { html: string; problems: TemplateProblem[] }

/**
 * Compiles MJML to HTML. Liquid in the source passes through untouched
 * (loops and conditions around blocks go in `<mj-raw>`), so the result is
 * compiled once per template version and rendered per recipient.
 */
export async function compileMjml(source: string): Promise<CompiledMjml> {
  const result = await (await loadMjml())(source, {
    validationLevel: "soft",
    keepComments: false,
  })
  return {
    html: result.html,
    problems: result.errors.map((error) => ({
      message: error.message,
      line: error.line,
    })),
  }
}
