import { Alert } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useSettings } from "../hooks/api/settings"

/**
 * Asks for the store's postal address while it is missing: most countries'
 * laws (CAN-SPAM, the EU's e-commerce rules) require it in every marketing
 * email, and the footer of every email shows it. Renders nothing once set.
 */
export const PostalAddressNotice = () => {
  const { settings } = useSettings()
  if (!settings || settings.store.address.trim()) {
    return null
  }
  return (
    <Alert variant="warning" dismissible={false} data-testid="postal-address-notice">
      Your emails have no postal address yet. The law in most countries requires the store&apos;s postal address
      in every marketing email, and the email footer shows it.{" "}
      <Link to="/marketing/settings" className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
        Add it in Email settings
      </Link>
      .
    </Alert>
  )
}
