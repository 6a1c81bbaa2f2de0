import { xml } from "@codemirror/lang-xml"
import { clx } from "@medusajs/ui"
import CodeMirror, { EditorView } from "@uiw/react-codemirror"
import { useMemo } from "react"

/**
 * MJML's tags, offered as completions after "<". Attributes are left out:
 * MJML accepts many per tag and the compiler reports a wrong one by line.
 */
const MJML_TAGS = [
  "mjml",
  "mj-head",
  "mj-title",
  "mj-preview",
  "mj-attributes",
  "mj-all",
  "mj-class",
  "mj-style",
  "mj-font",
  "mj-breakpoint",
  "mj-body",
  "mj-wrapper",
  "mj-section",
  "mj-group",
  "mj-column",
  "mj-text",
  "mj-button",
  "mj-image",
  "mj-divider",
  "mj-spacer",
  "mj-table",
  "mj-social",
  "mj-social-element",
  "mj-navbar",
  "mj-navbar-link",
  "mj-hero",
  "mj-accordion",
  "mj-accordion-element",
  "mj-carousel",
  "mj-carousel-image",
  "mj-raw",
]

type MjmlEditorProps = {
  value: string
  onChange?: (value: string) => void
  readOnly?: boolean
  /** Marks the editor as holding invalid content. */
  invalid?: boolean
  height?: string
  id?: string
  "aria-describedby"?: string
}

/** A code editor for MJML with XML highlighting, tag completion and line numbers. */
export const MjmlEditor = ({
  value,
  onChange,
  readOnly = false,
  invalid = false,
  height = "480px",
  id,
  "aria-describedby": describedBy,
}: MjmlEditorProps) => {
  const extensions = useMemo(
    () => [
      xml({ elements: MJML_TAGS.map((name) => ({ name })) }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        "aria-label": "MJML body",
        ...(id ? { id } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      }),
    ],
    [id, describedBy]
  )

  return (
    <div
      className={clx(
        "shadow-borders-base overflow-hidden rounded-md text-[13px]",
        {
          "shadow-borders-error": invalid,
          "bg-ui-bg-disabled": readOnly,
        }
      )}
      data-testid="mjml-editor"
      data-invalid={invalid || undefined}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        editable={!readOnly}
        height={height}
        extensions={extensions}
        basicSetup={{
          lineNumbers: true,
          foldGutter: true,
          highlightActiveLine: !readOnly,
          autocompletion: true,
        }}
      />
    </div>
  )
}
