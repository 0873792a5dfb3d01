import { errorCatalogue } from '../common/errors.ts';

export const cpfError = errorCatalogue({
  IDEMPOTENCY_KEY_MISSING: { status: 400, title: "Clé d'idempotence manquante" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Clé d'idempotence déjà utilisée" },
  FORMATION_INCONNUE: { status: 404, title: 'Formation inconnue' },
  SESSION_INCONNUE: { status: 404, title: 'Session inconnue' },
  SESSION_FERMEE: { status: 409, title: 'Session fermée' },
  SOLDE_INSUFFISANT: { status: 422, title: 'Solde insuffisant' },
});
