import { Prompt } from "@medusajs/ui"
import { useEffect } from "react"
import { useBlocker } from "react-router-dom"

/**
 * Navigation state for leaving an editor on purpose, right after its changes
 * were saved or the thing was deleted: the guard does not ask then.
 *
 * @example navigate(`/marketing/segments/${id}`, { state: LEAVE_WITHOUT_ASKING })
 */
export const LEAVE_WITHOUT_ASKING = { leaveWithoutAsking: true }

const leavesOnPurpose = (state: unknown) =>
  typeof state === "object" && state !== null && (state as typeof LEAVE_WITHOUT_ASKING).leaveWithoutAsking === true

/**
 * Asks before an editor with unsaved changes is left: another admin page
 * (a link, the sidebar, the back button) gets a prompt, and closing or
 * reloading the tab the browser's own warning. Switching tabs or versions
 * inside the editor changes only the query string and is never stopped.
 */
export const UnsavedChangesGuard = ({ when }: { when: boolean }) => {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname && !leavesOnPurpose(nextLocation.state)
  )

  useEffect(() => {
    if (!when) {
      return
    }
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers show their warning only when this is set.
      event.returnValue = ""
    }
    window.addEventListener("beforeunload", warn)
    return () => window.removeEventListener("beforeunload", warn)
  }, [when])

  return (
    <Prompt open={blocker.state === "blocked"} variant="confirmation">
      <Prompt.Content data-testid="unsaved-changes-prompt">
        <Prompt.Header>
          <Prompt.Title>Leave without saving?</Prompt.Title>
          <Prompt.Description>Your changes on this page have not been saved and will be lost.</Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel onClick={() => blocker.reset?.()}>Keep editing</Prompt.Cancel>
          <Prompt.Action onClick={() => blocker.proceed?.()}>Leave</Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
