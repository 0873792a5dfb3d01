/** How the agencies answer an error (API Particulier style). */
export interface ErrorBody {
  code: string;
  title: string;
  detail: string;
  source?: { parameter: string };
}

export interface ErrorDefinition {
  status: number;
  title: string;
}

/**
 * An answer the agency refuses with a stable code, its HTTP status and a detail that says what
 * was wrong and how to fix it. Handlers throw it; the app's error handler writes it.
 */
export class AgencyHttpError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly parameter?: string,
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'AgencyHttpError';
  }

  body(): ErrorBody {
    const body: ErrorBody = { code: this.code, title: this.title, detail: this.message };
    if (this.parameter !== undefined) body.source = { parameter: this.parameter };
    return body;
  }
}

/** A typed constructor of errors from a catalogue: `fail('NOT_FOUND', 'detail')`. */
export function errorCatalogue<const C extends Record<string, ErrorDefinition>>(catalogue: C) {
  return (code: keyof C & string, detail: string, parameter?: string, options?: ErrorOptions): AgencyHttpError => {
    const definition = catalogue[code] as ErrorDefinition;
    return new AgencyHttpError(code, definition.status, definition.title, detail, parameter, options);
  };
}

/** Errors every agency answers. Agency-specific codes live next to the agency's routes. */
export const COMMON_ERRORS = {
  API_KEY_MISSING: { status: 401, title: "Clé d'API manquante" },
  API_KEY_INVALID: { status: 401, title: "Clé d'API invalide" },
  INVALID_PARAMETER: { status: 400, title: 'Paramètre invalide' },
  NOT_FOUND: { status: 404, title: 'Introuvable' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Route inconnue' },
  INVALID_MESSAGE: { status: 422, title: 'Message invalide' },
  IDEMPOTENCY_KEY_MISSING: { status: 400, title: "Clé d'idempotence manquante" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Clé d'idempotence déjà utilisée" },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Requête trop volumineuse' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Type de contenu non pris en charge' },
  INTERNAL_ERROR: { status: 500, title: 'Erreur interne' },
} as const;

export const fail = errorCatalogue(COMMON_ERRORS);

export function errorsBody(...errors: ErrorBody[]): { errors: ErrorBody[] } {
  return { errors };
}

/** What was received, short enough for an error message. */
export function received(value: unknown): string {
  if (value === undefined) return 'rien';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
