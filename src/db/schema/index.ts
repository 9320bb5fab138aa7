export * from './cases.js';
export * from './contacts.js';
export * from './invites.js';
export * from './inbound-events.js';
export * from './messages.js';
export * from './audit-log.js';
