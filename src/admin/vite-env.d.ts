/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Medusa server's URL when the admin is served from another origin. */
  readonly VITE_BACKEND_URL?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
