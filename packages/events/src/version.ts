/**
 * Version of the `RuntimeEvent` schema (STYLE §11: anything persisted or on the wire is versioned).
 * Bump it on any breaking change to a member's fields or semantics; additive optional fields do not bump
 * it. Persisted event logs record it so historical fixtures keep loading.
 */
export const RUNTIME_EVENT_SCHEMA_VERSION = 1;
