import type { Role } from './types.js';

/** The role of the other participant of a call: there are two. */
export const otherRole = (role: Role): Role => (role === 'agent' ? 'customer' : 'agent');
