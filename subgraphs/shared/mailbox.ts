import DataLoader from 'dataloader';
import { z } from 'zod';
import type { AgencyClient } from './agency-client.ts';
import { badUserInput } from '../../contract/errors.ts';
import { actionError, refusedByAgency } from './action-errors.ts';
import { AGENCY_ENUM, type AgencyEnum } from './agencies.ts';
import { AgencyError } from './errors.ts';

/** Limits of the agencies' mailboxes (mocks/agencies/CONTRACT.md, Messages). */
const MAX_SUBJECT = 200;
const MAX_BODY = 5000;

// Schemas are built once: zod compiles each one on its first use.
const agencyMessage = z.object({
  id: z.string(),
  date_envoi: z.string(),
  expediteur: z.enum(['AGENCE', 'USAGER']),
  objet: z.string(),
  corps: z.string(),
  lu: z.boolean(),
});
type AgencyMessage = z.infer<typeof agencyMessage>;
const messageList = z.object({ data: z.array(agencyMessage) });
const oneMessage = z.object({ data: agencyMessage });

export interface InboxMessage {
  id: string;
  agency: AgencyEnum;
  sentAt: string;
  sender: 'AGENCY' | 'CITIZEN';
  subject: string;
  body: string;
  read: boolean;
}

/** One agency's secure mailbox for its files: read, write, mark read. */
export class Mailbox {
  readonly #client: AgencyClient;

  constructor(client: AgencyClient) {
    this.#client = client;
  }

  /** A per-request loader of mailboxes by file id, so a request reads each mailbox once. */
  loader(): DataLoader<string, InboxMessage[]> {
    return new DataLoader((ids) => Promise.all(ids.map((id) => this.list(id).catch((error: Error) => error))));
  }

  async list(dossierId: string): Promise<InboxMessage[]> {
    const answer = await this.#client.request({
      method: 'GET',
      path: `/v1/dossiers/${encodeURIComponent(dossierId)}/messages`,
      schema: messageList,
    });
    // No error status is an answer here: a refusal cannot come back, only a failure.
    if (!answer.ok) throw new AgencyError('AGENCY_BAD_RESPONSE', this.#client.agency, 'unexpected refusal', { cause: this.#client.refusal(answer) });
    return answer.data.data.map((message) => this.#toInboxMessage(message));
  }

  async send(dossierId: string, input: { subject: string; body: string }): Promise<InboxMessage> {
    checkLength('subject', input.subject, MAX_SUBJECT);
    checkLength('body', input.body, MAX_BODY);
    const answer = await this.#client.request({
      method: 'POST',
      path: `/v1/dossiers/${encodeURIComponent(dossierId)}/messages`,
      body: { objet: input.subject, corps: input.body },
      schema: oneMessage,
      answerStatuses: [422],
    });
    if (!answer.ok) {
      const field = answer.parameter === 'objet' ? 'input.subject' : 'input.body';
      throw refusedByAgency(field, `The message was refused: ${answer.detail}`, this.#client.refusal(answer));
    }
    return this.#toInboxMessage(answer.data.data);
  }

  async markRead(dossierId: string, messageId: string): Promise<InboxMessage> {
    const answer = await this.#client.request({
      method: 'POST',
      path: `/v1/dossiers/${encodeURIComponent(dossierId)}/messages/${encodeURIComponent(messageId)}/lu`,
      schema: oneMessage,
      answerStatuses: [404],
    });
    if (!answer.ok) {
      throw actionError('MESSAGE_NOT_FOUND', `There is no message ${messageId} in your mailbox: use an id from me.inbox.`, {
        agency: this.#client.agency,
        cause: this.#client.refusal(answer),
      });
    }
    return this.#toInboxMessage(answer.data.data);
  }

  #toInboxMessage(message: AgencyMessage): InboxMessage {
    return {
      id: message.id,
      agency: AGENCY_ENUM[this.#client.agency],
      sentAt: message.date_envoi,
      sender: message.expediteur === 'AGENCE' ? 'AGENCY' : 'CITIZEN',
      subject: message.objet,
      body: message.corps,
      read: message.lu,
    };
  }
}

/** Checked here too, so the citizen gets the reason in a coded error rather than an agency round trip. */
function checkLength(field: 'subject' | 'body', value: string, max: number): void {
  if (value.trim() === '') throw badUserInput(`input.${field}`, 'REQUIRED', `The message ${field} must not be blank.`);
  if (value.length > max) throw badUserInput(`input.${field}`, 'OUT_OF_RANGE', `The message ${field} must be 1 to ${max} characters (got ${value.length}).`);
}
