import { Counter, Histogram, type Registry } from 'prom-client';

/** What an operator watches of the notifications, in the worker's registry. */
export class NotificationMetrics {
  readonly rounds: Counter<'outcome'>;
  readonly evaluations: Counter<'outcome'>;
  readonly emails: Counter<'kind'>;
  readonly failures: Counter<'kind'>;
  readonly evaluationDuration: Histogram;

  constructor(registry: Registry) {
    const registers = [registry];
    this.rounds = new Counter({ name: 'notification_rounds_total', help: 'Rounds of evaluation, by outcome (done, failed).', labelNames: ['outcome'], registers });
    this.evaluations = new Counter({
      name: 'notification_evaluations_total',
      help: 'Subscribers whose alerts were evaluated, by outcome (evaluated, unavailable: a platform subgraph could not be reached).',
      labelNames: ['outcome'],
      registers,
    });
    this.emails = new Counter({ name: 'notification_emails_sent_total', help: 'Emails handed to the mail server, by kind (alerts, confirmation).', labelNames: ['kind'], registers });
    this.failures = new Counter({ name: 'notification_email_failures_total', help: 'Emails the mail server refused or could not take (each retried), by kind.', labelNames: ['kind'], registers });
    this.evaluationDuration = new Histogram({
      name: 'notification_round_duration_seconds',
      help: 'Time of one round over every subscriber.',
      buckets: [1, 5, 15, 60, 300, 900, 3600],
      registers,
    });
  }
}
