import type { CafDossier } from '../../population/dossiers/caf.ts';
import type { AgencySlice } from '../../population/types.ts';
import { createAgencyApp, type AgencyServer } from '../common/app.ts';
import { registerChangeRoutes } from '../common/changes.ts';
import { DossierStore } from '../common/dossier-store.ts';
import { registerIdentiteView, registerLookupRoutes } from '../common/lookup.ts';
import { MessageBoxes, registerMessageRoutes } from '../common/messages.ts';
import { DEFAULT_API_KEYS, sliceOf, type BuildOptions } from '../common/options.ts';

/** The CNAF system: quotient familial (API Particulier v3), benefits and their payments. */
export function build(options: BuildOptions<AgencySlice<CafDossier>>): AgencyServer {
  const slice = sliceOf(options.population, 'caf');
  const clock = options.clock ?? (() => new Date());
  const app = createAgencyApp({ apiKey: options.apiKey ?? DEFAULT_API_KEYS.caf, logger: options.logger });
  const idOf = (dossier: CafDossier): string => dossier.numero_allocataire;
  const store = new DossierStore(slice.records, idOf);
  registerLookupRoutes(app, store);
  registerIdentiteView(app, '/v3/dss/quotient_familial/identite', store, (dossier) => ({
    allocataires: dossier.allocataires,
    enfants: dossier.enfants,
    adresse: dossier.adresse,
    quotient_familial: dossier.quotient_familial,
  }));
  registerMessageRoutes(app, new MessageBoxes(slice.records, idOf), clock);
  registerChangeRoutes(app, (id) => store.get(id) !== undefined, clock);
  return app;
}
