import { ComputerDesktop, Phone } from "@medusajs/icons"
import { clx, IconButton, Skeleton, Tabs, Text, Tooltip } from "@medusajs/ui"
import { useState } from "react"
import { useContentWidth } from "../hooks/use-content-width"
import { EMPTY_VALUE } from "../lib/format"
import type { RenderedEmail } from "../lib/types"

type Device = "desktop" | "phone"

/** Widths an email is commonly read at: a desktop client's pane, a phone. */
const FRAME_WIDTHS: Record<Device, string> = {
  desktop: "100%",
  phone: "375px",
}

/** A desktop client shows an email at its 600 px design width at least. */
const DESKTOP_MIN_WIDTH = 600

type EmailPreviewProps = {
  email?: RenderedEmail | null
  isLoading?: boolean
  /** Shown over the last good preview, e.g. while a new one renders. */
  isStale?: boolean
  /** Tall enough for most of an email without scrolling the page. */
  height?: number
  /** Hides the subject and preheader when the page shows them already. */
  showHeaders?: boolean
}

const HeaderLine = ({
  label,
  value,
  testId,
}: {
  label: string
  value?: string
  testId: string
}) => (
  <div className="grid grid-cols-[88px_1fr] gap-x-3">
    <Text size="small" leading="compact" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text
      size="small"
      leading="compact"
      weight="plus"
      className="min-w-0 break-words"
      data-testid={testId}
    >
      {value || EMPTY_VALUE}
    </Text>
  </div>
)

/**
 * A rendered email as its recipient sees it: the HTML in an iframe without
 * any sandbox permission (no scripts, no forms, no navigation of the admin),
 * at desktop or phone width, and the plain-text part in its own tab.
 */
export const EmailPreview = ({
  email,
  isLoading = false,
  isStale = false,
  height = 640,
  showHeaders = true,
}: EmailPreviewProps) => {
  const [device, setDevice] = useState<Device>("desktop")
  const [pane, setPane] = useState<HTMLDivElement | null>(null)
  const paneWidth = useContentWidth(pane)
  // A pane narrower than a desktop client shows the whole email scaled down, not its left part.
  const scale = device === "desktop" && paneWidth > 0 && paneWidth < DESKTOP_MIN_WIDTH ? paneWidth / DESKTOP_MIN_WIDTH : 1

  if (isLoading && !email) {
    return (
      <div
        className="flex flex-col gap-y-3 p-4"
        aria-busy="true"
        data-testid="email-preview-loading"
      >
        <Skeleton className="h-5 w-2/3" />
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="w-full" style={{ height: height / 2 }} />
      </div>
    )
  }

  if (!email) {
    return null
  }

  return (
    <div className="flex flex-col" data-testid="email-preview">
      {showHeaders && (
        <div className="flex flex-col gap-y-2 px-4 py-3">
          <HeaderLine
            label="Subject"
            value={email.subject}
            testId="email-preview-subject"
          />
          {email.preheader !== undefined && (
            <HeaderLine
              label="Preheader"
              value={email.preheader}
              testId="email-preview-preheader"
            />
          )}
        </div>
      )}
      <Tabs defaultValue="html">
        <div className="flex items-center justify-between gap-x-2 px-4 pb-2">
          <Tabs.List>
            <Tabs.Trigger value="html">Email</Tabs.Trigger>
            <Tabs.Trigger value="text">Plain text</Tabs.Trigger>
          </Tabs.List>
          <div
            className="flex items-center gap-x-1"
            role="group"
            aria-label="Preview width"
          >
            <Tooltip content="Desktop width">
              <IconButton
                size="small"
                variant={device === "desktop" ? "primary" : "transparent"}
                aria-label="Desktop width"
                aria-pressed={device === "desktop"}
                onClick={() => setDevice("desktop")}
                data-testid="email-preview-desktop"
              >
                <ComputerDesktop />
              </IconButton>
            </Tooltip>
            <Tooltip content="Phone width (375 px)">
              <IconButton
                size="small"
                variant={device === "phone" ? "primary" : "transparent"}
                aria-label="Phone width"
                aria-pressed={device === "phone"}
                onClick={() => setDevice("phone")}
                data-testid="email-preview-phone"
              >
                <Phone />
              </IconButton>
            </Tooltip>
          </div>
        </div>
        <Tabs.Content value="html">
          <div
            ref={setPane}
            className={clx(
              "bg-ui-bg-subtle flex overflow-x-auto border-t p-4 transition-opacity",
              {
                "opacity-60": isStale,
                // Centring a frame wider than the pane would cut off its left edge.
                "justify-center": device === "phone",
              }
            )}
          >
            <div className="shrink-0" style={scale < 1 ? { width: paneWidth, height } : { width: FRAME_WIDTHS[device] }}>
              <iframe
                title="Email preview"
                srcDoc={email.html}
                // No permissions at all: the email's HTML runs nothing.
                sandbox=""
                className="bg-ui-bg-base shadow-elevation-card-rest rounded-md"
                style={{
                  width: scale < 1 ? DESKTOP_MIN_WIDTH : "100%",
                  minWidth: device === "desktop" ? DESKTOP_MIN_WIDTH : undefined,
                  height: height / scale,
                  transform: scale < 1 ? `scale(${scale})` : undefined,
                  transformOrigin: "top left",
                }}
                data-testid="email-preview-frame"
                data-device={device}
                data-scale={scale < 1 ? scale.toFixed(4) : "1"}
              />
            </div>
          </div>
          {scale < 1 && (
            <Text size="xsmall" className="text-ui-fg-muted px-4 pb-2" data-testid="email-preview-scale">
              Shown at {Math.round(scale * 100)}% to fit the desktop width of {DESKTOP_MIN_WIDTH} px.
            </Text>
          )}
        </Tabs.Content>
        <Tabs.Content value="text">
          <pre
            className={clx(
              "bg-ui-bg-subtle txt-compact-small text-ui-fg-base overflow-auto whitespace-pre-wrap break-words border-t p-4 font-mono",
              { "opacity-60": isStale }
            )}
            style={{ maxHeight: height }}
            data-testid="email-preview-text"
          >
            {email.text || EMPTY_VALUE}
          </pre>
        </Tabs.Content>
      </Tabs>
    </div>
  )
}
