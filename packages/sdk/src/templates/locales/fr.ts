import type { TemplateStrings } from '../types.js';

// Email strings use French typography (a no-break space before ":" and ";", curly apostrophes);
// the SMS strings keep to characters of the GSM-7 alphabet, so an SMS costs fewer segments.
export const fr: TemplateStrings = {
  emailSubject: 'Votre appel vidéo avec {organisation}',
  greeting: 'Bonjour {customerName},',
  greetingNoName: 'Bonjour,',
  invitation: '{organisation} vous invite à un appel vidéo sécurisé le {time}.',
  joinButton: 'Rejoindre l’appel vidéo',
  joinText: 'Rejoindre l’appel vidéo\u00a0: {link}',
  linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur\u00a0:',
  linkPersonal: 'Ce lien est personnel\u00a0: merci de ne pas le transmettre. L’appel fonctionne dans le navigateur de votre téléphone ou de votre ordinateur\u00a0; vous n’avez rien à installer.',
  privacyHeading: 'Protection de vos données',
  privacyEncryption: 'L’appel est chiffré de bout en bout\u00a0: seuls vous et {organisation} pouvez le voir et l’entendre.',
  privacyConsent: 'Avant le début de l’appel, nous vous demandons votre consentement. Nous vous le demandons à nouveau avant tout enregistrement.',
  privacyRetention: 'Les photos et enregistrements de l’appel sont conservés {retention}, puis supprimés.',
  rightsHeading: 'Vos droits',
  rightsIntro: 'Conformément au règlement général sur la protection des données (RGPD), vous avez le droit\u00a0:',
  rightAccess: 'd’accéder aux données personnelles que nous détenons sur vous',
  rightRectification: 'de faire rectifier des données inexactes',
  rightErasure: 'de faire effacer vos données',
  rightObjection: 'de vous opposer au traitement de vos données',
  rightComplaint: 'd’introduire une réclamation auprès d’une autorité de contrôle de la protection des données',
  dpoContact: 'Une question ou une demande concernant vos données\u00a0? Contactez notre délégué à la protection des données\u00a0: {dpoContact}',
  privacyNotice: 'Consulter notre politique de confidentialité',
  privacyNoticeText: 'Notre politique de confidentialité\u00a0: {privacyUrl}',
  signOff: 'Bien cordialement,',
  footer: 'Vous recevez ce message parce que {organisation} vous a invité(e) à un appel vidéo. Si vous ne l’attendiez pas, vous pouvez l’ignorer.',
  sms: '{organisation} vous invite à un appel vidéo sécurisé le {time}. Votre lien personnel : {link}\nVos données et vos droits : {privacyUrl}',
  smsShort: 'Appel vidéo {organisation} : {link}\nConfidentialité : {privacyUrl}',
};
