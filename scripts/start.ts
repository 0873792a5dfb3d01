// `npm start`: the whole platform on one machine, on embedded defaults and fixed ports (README).
// Every documented variable of every service applies (.env.example); logs are readable lines.
import pretty from 'pino-pretty';
import { DEMO_PASSWORD, personaIdentities } from '../mocks/population/personas.ts';
import { LOG_LEVELS, type LogLevel } from '../common/observability/logging.ts';
import { startPlatform } from '../dev/platform.ts';

const level = (LOG_LEVELS as readonly string[]).includes(process.env.LOG_LEVEL ?? '') ? (process.env.LOG_LEVEL as LogLevel) : 'info';
const platform = await startPlatform({
  // The SMTP catcher on fixed ports too, as the other services.
  env: { SMTP_CATCHER_PORT: '4025', SMTP_CATCHER_WEB_PORT: '4026', ...process.env },
  logs: {
    level,
    destination: pretty({
      colorize: process.stdout.isTTY,
      singleLine: true,
      translateTime: 'HH:MM:ss',
      ignore: 'pid,hostname,service',
      messageFormat: '{service}: {msg}',
      sync: true,
    }),
  },
});

const g = platform.gatewayUrl;
const defaults = Object.entries(platform.developmentDefaults).flatMap(([service, used]) => used.map((d) => `${service}: ${d}`));
console.log(`
Compte des comptes is running (development: never a deployment; see docs/deployment.md).

  Web app      ${g}/app/
  Sign in      ${g}/auth/login
  GraphiQL     ${g}/graphiql
  GraphQL      ${g}/graphql
  Log out      ${g}/auth/logout
  Health       ${g}/healthz · ${g}/readyz · ${g}/health · ${g}/metrics
  FranceConnect (mock)  ${platform.providerUrl}
  Subgraphs    ${Object.entries(platform.subgraphUrls).map(([n, u]) => `${n} ${u}`).join(' · ')}
  Agencies     ${Object.entries(platform.agencyUrls).map(([n, u]) => `${n} ${u}`).join(' · ')}
  Modules      ${Object.entries(platform.moduleUrls).map(([n, u]) => `${n} ${u}`).join(' · ') || 'none'}
  Worker       ${platform.worker?.url ?? 'not started'} (health, metrics; notifications daily, NOTIFICATIONS_CRON)
  Emails sent  ${platform.smtpCatcher ? `${platform.smtpCatcher.webUrl}/ (what citizens receive; SMTP ${platform.smtpCatcher.smtpUrl})` : `to ${process.env.SMTP_URL}`}

  Demo logins (password "${DEMO_PASSWORD}"): ${personaIdentities.map((p) => p.login).join(', ')}
  Third parties (client credentials at ${platform.providerUrl}/token; secrets in config/third-parties.json):
    ${platform.thirdParties.all.map((tp) => `${tp.clientId} (${tp.kind})`).join(', ')}

  Embedded defaults in use:
    ${defaults.join('\n    ') || 'none'}
  Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void platform.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopped with an error:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  });
}
