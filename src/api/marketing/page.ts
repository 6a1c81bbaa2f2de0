const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

export const escapeHtml = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c])

/**
 * A plain page for people arriving from an email: readable without styles,
 * large targets, labels on every control, no scripts.
 */
export function renderPage(input: { title: string; body: string; storeName: string }): string {
  const title = escapeHtml(input.title)
  const store = escapeHtml(input.storeName)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}${store ? ` · ${store}` : ""}</title>
<style>
  body { font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f6f6f4; margin: 0; }
  main { max-width: 34rem; margin: 2.5rem auto; background: #fff; padding: 2rem; border-radius: 10px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  fieldset { border: 1px solid #ccc; border-radius: 8px; margin: 1.25rem 0; padding: 1rem; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: flex; gap: .6rem; align-items: flex-start; padding: .4rem 0; cursor: pointer; }
  input[type=checkbox] { width: 1.25rem; height: 1.25rem; margin-top: .2rem; }
  button { font: inherit; padding: .7rem 1.2rem; border-radius: 8px; border: 2px solid #1a1a1a; background: #1a1a1a; color: #fff; cursor: pointer; margin: .25rem .5rem .25rem 0; }
  button.secondary { background: #fff; color: #1a1a1a; }
  button:focus-visible, input:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  .note { background: #ecfdf3; border: 1px solid #86efac; padding: .75rem 1rem; border-radius: 8px; }
  small { color: #4a4a4a; }
</style>
</head>
<body>
<main>
${store ? `<p><small>${store}</small></p>` : ""}
<h1>${title}</h1>
${input.body}
</main>
</body>
</html>`
}
