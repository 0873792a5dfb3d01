import { errorCatalogue } from '../common/errors.ts';

export const cpfError = errorCatalogue({
  CHANGEMENT_NON_APPLICABLE: { status: 422, title: 'Changement non applicable' },
  FORMATION_INCONNUE: { status: 404, title: 'Formation inconnue' },
  SESSION_INCONNUE: { status: 404, title: 'Session inconnue' },
  SESSION_FERMEE: { status: 409, title: 'Session fermée' },
  SOLDE_INSUFFISANT: { status: 422, title: 'Solde insuffisant' },
});
