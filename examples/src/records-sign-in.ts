import { GovernanceClient, RecipientKeyProvider } from '@sealcall/sdk';
import type { SealRecords } from '@sealcall/components';
import '@sealcall/components/seal-records.js';
import { fromBase64Url } from './base64url.js';

export type Member = 'agent' | 'supervisor' | 'dpo';

interface BackOfficeSignIn {
  accessToken: string;
  serverUrl: string;
  /** The insurer's private records key (X25519, base64url): in production it stays in your key management. */
  recordsPrivateKey: string;
}

/** Your portal's OpenID Connect login does this; the demo's back end signs the chosen member in directly. */
async function signIn(as: Member): Promise<BackOfficeSignIn> {
  const response = await fetch(`/api/back-office/sign-in?as=${as}`, { method: 'POST' });
  if (!response.ok) throw new Error(`Signing in failed (HTTP ${response.status}).`);
  return (await response.json()) as BackOfficeSignIn;
}

/** Shows `records` what `as` may see, decrypted with the insurer's key. */
export async function showRecords(records: SealRecords, as: Member): Promise<void> {
  const { accessToken, serverUrl, recordsPrivateKey } = await signIn(as);
  records.keyProviders = [RecipientKeyProvider.forPrivateKey(fromBase64Url(recordsPrivateKey))];
  records.governance = new GovernanceClient({ baseUrl: serverUrl, token: accessToken });
}
