import type { FranceTravailDossier } from '../../population/dossiers/france-travail.ts';
import type { AgencySlice } from '../../population/types.ts';
import { createAgencyApp, type AgencyServer } from '../common/app.ts';
import { registerChangeRoutes } from '../common/changes.ts';
import { DossierStore } from '../common/dossier-store.ts';
import { registerIdentiteView, registerLookupRoutes } from '../common/lookup.ts';
import { MessageBoxes, registerMessageRoutes } from '../common/messages.ts';
import { DEFAULT_API_KEYS, sliceOf, type BuildOptions } from '../common/options.ts';
import { registerActualisationRoute } from './actualisation.ts';

/** The France Travail system: registration and allowance (API Particulier v3), monthly update. */
export function build(options: BuildOptions<AgencySlice<FranceTravailDossier>>): AgencyServer {
  const slice = sliceOf(options.population, 'france-travail');
  const clock = options.clock ?? (() => new Date());
  const app = createAgencyApp({ apiKey: options.apiKey ?? DEFAULT_API_KEYS['france-travail'], logger: options.logger });
  const idOf = (dossier: FranceTravailDossier): string => dossier.identifiant;
  const store = new DossierStore(slice.records, idOf);
  registerLookupRoutes(app, store);
  registerIdentiteView(app, '/v3/france_travail/statut/identite', store, (dossier) => ({
    identifiant: dossier.identifiant,
    inscription: dossier.inscription,
  }));
  registerIdentiteView(app, '/v3/france_travail/indemnites/identite', store, (dossier) => ({
    identifiant: dossier.identifiant,
    paiements: dossier.paiements,
  }));
  registerMessageRoutes(app, new MessageBoxes(slice.records, idOf), clock);
  registerChangeRoutes(app, (id) => store.get(id) !== undefined, clock);
  registerActualisationRoute(app, store, clock);
  return app;
}
