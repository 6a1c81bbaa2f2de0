import { ExecArgs } from "@medusajs/framework/types"
import { dispatchDueMessages } from "../workflows/messages"

/**
 * `npx medusa exec ./node_modules/medusa-marketing-automation/.medusa/server/src/scripts/dispatch.js`
 * sends what is due in the outbox now, batch after batch, instead of waiting
 * for the every-minute job. `now=<ISO time>` dispatches as of another time,
 * `concurrency=<n>` sets the sends in flight, `limit=<n>` the messages
 * claimed per batch. Safe beside the job and other
 * instances: each message is claimed by one dispatcher only.
 */
export default async function dispatch({ container, args }: ExecArgs) {
  const flag = (name: string) => args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1)
  const now = flag("now") ? new Date(flag("now")!) : undefined
  const concurrency = flag("concurrency") ? Number(flag("concurrency")) : undefined
  const limit = flag("limit") ? Number(flag("limit")) : undefined
  for (;;) {
    const result = await dispatchDueMessages(container, { now, concurrency, limit })
    if (result.claimed === 0) {
      return
    }
  }
}
