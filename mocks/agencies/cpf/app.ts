import type { CpfDossier } from '../../population/dossiers/cpf.ts';
import type { CpfSlice } from '../../population/types.ts';
import { createAgencyApp, type AgencyServer } from '../common/app.ts';
import { registerChangeRoutes, type ChangePolicy } from '../common/changes.ts';
import { DossierStore } from '../common/dossier-store.ts';
import { registerLookupRoutes } from '../common/lookup.ts';
import { MessageBoxes, registerMessageRoutes } from '../common/messages.ts';
import { cpfSliceOf, DEFAULT_API_KEYS, type BuildOptions } from '../common/options.ts';
import { Catalogue, registerCatalogueRoutes } from './catalogue.ts';
import { registerEnrolmentRoute } from './enrolment.ts';
import { cpfError } from './errors.ts';

/** The Caisse des Dépôts system: CPF, C2P and CEC accounts, the training catalogue, enrolments. */
export function build(options: BuildOptions<CpfSlice>): AgencyServer {
  const slice = cpfSliceOf(options.population);
  const clock = options.clock ?? (() => new Date());
  const app = createAgencyApp({ apiKey: options.apiKey ?? DEFAULT_API_KEYS.cpf, logger: options.logger });
  const idOf = (dossier: CpfDossier): string => dossier.id;
  const store = new DossierStore(slice.records, idOf);
  const catalogue = new Catalogue(slice.catalogue);
  registerLookupRoutes(app, store);
  registerMessageRoutes(app, new MessageBoxes(slice.records, idOf), clock);
  registerChangeRoutes(app, (id) => store.get(id) !== undefined, clock, refuseBankDetails);
  registerCatalogueRoutes(app, catalogue);
  registerEnrolmentRoute(app, store, catalogue, clock);
  return app;
}

/** The CPF pays training bodies, never the account holder: it keeps no bank details to change. */
const refuseBankDetails: ChangePolicy = (change) =>
  change.type === 'COORDONNEES_BANCAIRES'
    ? cpfError(
        'CHANGEMENT_NON_APPLICABLE',
        "Le compte personnel de formation ne verse rien à son titulaire : la Caisse des Dépôts n'enregistre pas de coordonnées bancaires.",
      )
    : undefined;
