import type { TemplateStrings } from '../types.js';

// Polish diacritics (ą ć ę ł ń ó ś ź ż) are outside GSM-7: every Polish SMS is UCS-2, 70 or 67
// characters a segment, so the SMS strings are kept short.
export const pl: TemplateStrings = {
  emailSubject: 'Zaproszenie na rozmowę wideo – {organisation}',
  greeting: 'Dzień dobry {customerName},',
  greetingNoName: 'Dzień dobry,',
  invitation: '{organisation} zaprasza Państwa na bezpieczną rozmowę wideo w terminie: {time}.',
  joinButton: 'Dołącz do rozmowy wideo',
  joinText: 'Dołącz do rozmowy wideo: {link}',
  linkFallback: 'Jeśli przycisk nie działa, prosimy skopiować ten adres do przeglądarki:',
  linkPersonal: 'Ten link jest osobisty – prosimy nie przekazywać go innym osobom. Rozmowa odbywa się w przeglądarce telefonu lub komputera; nie trzeba niczego instalować.',
  privacyHeading: 'Ochrona Państwa danych',
  privacyEncryption: 'Rozmowa jest szyfrowana end-to-end: widzieć i słyszeć ją mogą tylko Państwo i {organisation}.',
  privacyConsent: 'Przed rozpoczęciem rozmowy poprosimy o Państwa zgodę, a przed każdym nagraniem zapytamy ponownie.',
  privacyRetention: 'Zdjęcia i nagrania z rozmowy przechowujemy przez {retention}, a następnie je usuwamy.',
  rightsHeading: 'Państwa prawa',
  rightsIntro: 'Zgodnie z ogólnym rozporządzeniem o ochronie danych (RODO) mają Państwo prawo do:',
  rightAccess: 'dostępu do danych osobowych, które o Państwu przechowujemy',
  rightRectification: 'sprostowania nieprawidłowych danych',
  rightErasure: 'usunięcia danych',
  rightObjection: 'wniesienia sprzeciwu wobec przetwarzania danych',
  rightComplaint: 'wniesienia skargi do organu nadzorczego ds. ochrony danych osobowych',
  dpoContact: 'W sprawach dotyczących Państwa danych prosimy o kontakt z naszym inspektorem ochrony danych: {dpoContact}',
  privacyNotice: 'Pełna informacja o przetwarzaniu danych',
  privacyNoticeText: 'Pełna informacja o przetwarzaniu danych: {privacyUrl}',
  signOff: 'Z poważaniem',
  footer: 'Otrzymują Państwo tę wiadomość, ponieważ zostali Państwo zaproszeni na rozmowę wideo (nadawca: {organisation}). Jeśli nie spodziewali się Państwo tej wiadomości, można ją zignorować.',
  sms: '{organisation} zaprasza na bezpieczną rozmowę wideo: {time}. Państwa osobisty link: {link}\nOchrona danych i Państwa prawa: {privacyUrl}',
  smsShort: 'Rozmowa wideo {organisation}: {link}\nOchrona danych: {privacyUrl}',
};
