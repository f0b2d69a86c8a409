// @touchpoint/collector/email: signed e-mail open pixels and click redirects (issue 21).
export { createEmailLinks, landingUrl, MAX_STORED_PER_LINK, type EmailLinkOptions, type EmailLinks } from './email-links.js';
export { mintEmailLink, DEFAULT_LINK_DAYS, MAX_LINK_DAYS, type MintInput, type MintedLink } from './links.js';
export { machineClick, machineOpen, SCANNER_AFTER_OPEN_MS, SCANNER_CLICK_WINDOW_MS, type LinkRequest } from './machine-traffic.js';
export { checkEmailLinkKeys, signEmailLink, verifyEmailLink, type EmailLinkClaims, type EmailLinkKey, type EmailLinkKeys, type EmailLinkKind, type TokenRefusal } from './token.js';
