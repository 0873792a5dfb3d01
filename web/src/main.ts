import '@gouvfr/dsfr/dist/dsfr.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-arrows/icons-arrows.main.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-system/icons-system.main.min.css';
import '@gouvfr/dsfr/dist/dsfr.module.min.js';
import './app.css';
import { startRouter } from './router.ts';

startRouter();
