import type { RgcuDossier } from '../../population/dossiers/rgcu.ts';
import type { AgencySlice } from '../../population/types.ts';
import { createAgencyApp, type AgencyServer } from '../common/app.ts';
import { registerChangeRoutes } from '../common/changes.ts';
import { DossierStore } from '../common/dossier-store.ts';
import { registerLookupRoutes } from '../common/lookup.ts';
import { MessageBoxes, registerMessageRoutes } from '../common/messages.ts';
import { DEFAULT_API_KEYS, sliceOf, type BuildOptions } from '../common/options.ts';
import { registerEstimationRoute } from './estimation.ts';

/** The CNAV career register: periods by scheme, quarters, pension estimations. */
export function build(options: BuildOptions<AgencySlice<RgcuDossier>>): AgencyServer {
  const slice = sliceOf(options.population, 'rgcu');
  const clock = options.clock ?? (() => new Date());
  const app = createAgencyApp({ apiKey: options.apiKey ?? DEFAULT_API_KEYS.rgcu, logger: options.logger });
  const idOf = (dossier: RgcuDossier): string => dossier.id;
  const store = new DossierStore(slice.records, idOf);
  registerLookupRoutes(app, store);
  registerMessageRoutes(app, new MessageBoxes(slice.records, idOf), clock);
  registerChangeRoutes(app, (id) => store.get(id) !== undefined, clock);
  registerEstimationRoute(app, store, slice.today);
  return app;
}
