import { euros, longDate } from '../../../contract/french.ts';
import { cpfScaleOn, projectCpf } from '../../../rules/cpf.ts';
import type { Section } from '../sections.ts';
import type { Alert } from './alert.ts';

/** The next yearly credit will be cut by the cap: rights beyond it are lost unless spent. */
export function cpfNearCapAlert(training: Section<'cpf'>, today: string): Alert | null {
  const cpf = training.data?.cpf;
  if (!cpf) return null;
  const [next] = projectCpf(
    { balance: cpf.balance, lowQualified: cpf.creditRule.lowQualified, lastCreditedOn: cpf.lastCreditedOn },
    1,
    today,
  );
  if (!next?.capped) return null;
  const { cap } = cpfScaleOn(cpf.creditRule.lowQualified, next.creditedOn);
  const cut =
    next.credit === 0
      ? `votre prochaine alimentation, le ${longDate(next.creditedOn)}, sera perdue`
      : `votre prochaine alimentation, le ${longDate(next.creditedOn)}, sera réduite à ${euros(next.credit)}`;
  return {
    id: 'CPF_NEAR_CAP',
    kind: 'CPF_NEAR_CAP',
    severity: 'WARNING',
    agency: 'CPF',
    title: 'Votre CPF atteint bientôt son plafond',
    explanation:
      `Votre compte personnel de formation a ${euros(cpf.balance)} pour un plafond de ${euros(cap)} : ${cut}. ` +
      'Au-delà du plafond, les droits ne s’accumulent plus : utilisez-les pour une formation.',
    action: { label: 'Choisir une formation', url: 'https://www.moncompteformation.gouv.fr/', mutation: 'enrollInTraining' },
  };
}
