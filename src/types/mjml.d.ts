// mjml 5 ships no type declarations; this is the part the plugin uses.
declare module "mjml" {
  type MjmlError = { line?: number; message: string; tagName?: string }
  export default function mjml2html(
    source: string,
    options?: Record<string, unknown>
  ): Promise<{ html: string; errors: MjmlError[] }>
}
