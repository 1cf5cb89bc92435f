/** Staff roles. The permission table is the `access` field of each channel in this folder. */
export const ROLES = ['admin', 'frontdesk', 'physician', 'radiologist', 'nurse'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a channel:
 * - `public`: anyone, even before sign-in (login screen, first-run setup, language switch);
 * - `signedIn`: any signed-in, unlocked session;
 * - a list of roles: only signed-in, unlocked sessions with one of them.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

export const CLINICAL_ROLES = ['admin', 'frontdesk', 'physician', 'radiologist', 'nurse'] as const satisfies readonly Role[];
export const ADMIN_ONLY = ['admin'] as const satisfies readonly Role[];
/** Physicians and administrators (clinic managers hold the administrator role) see population analytics. */
export const ANALYSTS = ['admin', 'physician'] as const satisfies readonly Role[];

/** Roles that may ask for emergency (break-glass) access; administrators hold every permission they need already. */
export const BREAK_GLASS_ROLES = ['physician', 'nurse', 'radiologist', 'frontdesk'] as const satisfies readonly Role[];
