/** The product token robots.txt groups are matched against (RFC 9309 §2.2.1). */
export const PEERBOARD_PRODUCT_TOKEN = 'PeerboardBot';
export const PEERBOARD_BOT_VERSION = '0.1';

/**
 * An honest User-Agent: who we are and where a site owner can reach us
 * (`PeerboardBot/0.1 (+https://example.org/contact)`). Never a browser disguise.
 */
export function peerboardUserAgent(contact: string): string {
  const c = contact.trim();
  return c ? `${PEERBOARD_PRODUCT_TOKEN}/${PEERBOARD_BOT_VERSION} (+${c})` : `${PEERBOARD_PRODUCT_TOKEN}/${PEERBOARD_BOT_VERSION}`;
}
