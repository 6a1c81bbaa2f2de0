import { TemplateRenderer } from "./renderer"

/**
 * One renderer per process: its cache holds compiled template versions,
 * which never change once saved, so sharing it is safe on every instance.
 */
export const templateRenderer = new TemplateRenderer()
