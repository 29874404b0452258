/** Staff roles at a commune station. Every procedure in the contract declares which of these may call it. */
export const ROLES = ['admin', 'physician', 'nurse', 'clerk', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change clinical data (used by later modules). */
export const CLINICAL_ROLES: readonly Role[] = ['admin', 'physician', 'nurse'];
export const ALL_ROLES: readonly Role[] = ROLES;
