import type { AgencyEnum } from '../../shared/agencies.ts';

export type AlertSeverity = 'INFO' | 'WARNING' | 'URGENT';

export interface Alert {
  id: string;
  kind: 'PRIME_ACTIVITE_NOT_CLAIMED' | 'C2P_POINTS_UNUSED' | 'CPF_NEAR_CAP' | 'MONTHLY_UPDATE_DUE' | 'BENEFIT_ENDING';
  severity: AlertSeverity;
  agency: AgencyEnum;
  title: string;
  explanation: string;
  action: { label: string; url: string | null; mutation: string | null };
}

/** Days from one date to another (YYYY-MM-DD); negative when `to` is before `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
