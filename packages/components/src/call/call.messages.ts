import type { CallState, E2EEState } from '@sealcall/sdk';
import type { Locale } from '../i18n/locale.js';

/** Every string <seal-call> shows. Replace any of them through the `messages` property. */
export interface CallMessages {
  join: string;
  hangUp: string;
  muteMicrophone: string;
  unmuteMicrophone: string;
  turnCameraOff: string;
  turnCameraOn: string;
  switchCamera: string;
  admit: string;
  reject: string;
  customerWaiting: string;
  remoteVideo: string;
  localVideo: string;
  controls: string;
  states: Record<CallState, string>;
  e2ee: Record<E2EEState, string>;
  /** Read by screen readers before the emoji of the security code. */
  securityCode: string;
}

export const callMessages: Record<Locale, CallMessages> = {
  en: {
    join: 'Join call',
    hangUp: 'Hang up',
    muteMicrophone: 'Mute microphone',
    unmuteMicrophone: 'Unmute microphone',
    turnCameraOff: 'Turn camera off',
    turnCameraOn: 'Turn camera on',
    switchCamera: 'Switch camera',
    admit: 'Admit',
    reject: 'Reject',
    customerWaiting: 'A customer is waiting to join.',
    remoteVideo: 'Video of the other participant',
    localVideo: 'Your video',
    controls: 'Call controls',
    states: {
      idle: 'Ready to join.',
      joining: 'Joining…',
      waiting: 'Waiting for the other participant…',
      connecting: 'Connecting…',
      connected: 'Connected.',
      reconnecting: 'Connection lost. Reconnecting…',
      ended: 'The call has ended.',
      failed: 'The call could not continue.',
    },
    e2ee: {
      negotiating: 'Securing the call…',
      active: 'End-to-end encrypted',
      failed: 'Not secure: the other participant could not be verified, so no video or sound is sent.',
    },
    securityCode: 'Security code, compare it with the other participant:',
  },
  nl: {
    join: 'Deelnemen',
    hangUp: 'Ophangen',
    muteMicrophone: 'Microfoon dempen',
    unmuteMicrophone: 'Microfoon aanzetten',
    turnCameraOff: 'Camera uitzetten',
    turnCameraOn: 'Camera aanzetten',
    switchCamera: 'Andere camera',
    admit: 'Toelaten',
    reject: 'Weigeren',
    customerWaiting: 'Een klant wacht om deel te nemen.',
    remoteVideo: 'Video van de andere deelnemer',
    localVideo: 'Uw video',
    controls: 'Gespreksknoppen',
    states: {
      idle: 'Klaar om deel te nemen.',
      joining: 'Deelnemen…',
      waiting: 'Wachten op de andere deelnemer…',
      connecting: 'Verbinden…',
      connected: 'Verbonden.',
      reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
      ended: 'Het gesprek is beëindigd.',
      failed: 'Het gesprek kon niet doorgaan.',
    },
    e2ee: {
      negotiating: 'Gesprek beveiligen…',
      active: 'End-to-end versleuteld',
      failed: 'Niet veilig: de andere deelnemer kon niet worden geverifieerd, dus er wordt geen beeld of geluid verstuurd.',
    },
    securityCode: 'Beveiligingscode, vergelijk die met de andere deelnemer:',
  },
  de: {
    join: 'Teilnehmen',
    hangUp: 'Auflegen',
    muteMicrophone: 'Mikrofon stummschalten',
    unmuteMicrophone: 'Mikrofon einschalten',
    turnCameraOff: 'Kamera ausschalten',
    turnCameraOn: 'Kamera einschalten',
    switchCamera: 'Kamera wechseln',
    admit: 'Zulassen',
    reject: 'Ablehnen',
    customerWaiting: 'Eine Kundin oder ein Kunde wartet auf Einlass.',
    remoteVideo: 'Video der anderen Person',
    localVideo: 'Ihr Video',
    controls: 'Anrufsteuerung',
    states: {
      idle: 'Bereit zur Teilnahme.',
      joining: 'Verbindung wird aufgebaut…',
      waiting: 'Warten auf die andere Person…',
      connecting: 'Verbinden…',
      connected: 'Verbunden.',
      reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
      ended: 'Das Gespräch ist beendet.',
      failed: 'Das Gespräch konnte nicht fortgesetzt werden.',
    },
    e2ee: {
      negotiating: 'Gespräch wird abgesichert…',
      active: 'Ende-zu-Ende-verschlüsselt',
      failed: 'Nicht sicher: Die andere Person konnte nicht überprüft werden, daher werden weder Bild noch Ton gesendet.',
    },
    securityCode: 'Sicherheitscode, vergleichen Sie ihn mit der anderen Person:',
  },
  fr: {
    join: "Rejoindre l'appel",
    hangUp: 'Raccrocher',
    muteMicrophone: 'Couper le micro',
    unmuteMicrophone: 'Activer le micro',
    turnCameraOff: 'Éteindre la caméra',
    turnCameraOn: 'Allumer la caméra',
    switchCamera: 'Changer de caméra',
    admit: 'Admettre',
    reject: 'Refuser',
    customerWaiting: 'Un client attend de rejoindre l’appel.',
    remoteVideo: "Vidéo de l'autre participant",
    localVideo: 'Votre vidéo',
    controls: "Commandes de l'appel",
    states: {
      idle: 'Prêt à rejoindre.',
      joining: 'Connexion…',
      waiting: "En attente de l'autre participant…",
      connecting: 'Connexion…',
      connected: 'Connecté.',
      reconnecting: 'Connexion perdue. Reconnexion…',
      ended: "L'appel est terminé.",
      failed: "L'appel n'a pas pu continuer.",
    },
    e2ee: {
      negotiating: "Sécurisation de l'appel…",
      active: 'Chiffré de bout en bout',
      failed: "Non sécurisé : l'autre participant n'a pas pu être vérifié, aucune image ni aucun son n'est envoyé.",
    },
    securityCode: "Code de sécurité, comparez-le avec l'autre participant :",
  },
  pl: {
    join: 'Dołącz',
    hangUp: 'Rozłącz',
    muteMicrophone: 'Wycisz mikrofon',
    unmuteMicrophone: 'Włącz mikrofon',
    turnCameraOff: 'Wyłącz kamerę',
    turnCameraOn: 'Włącz kamerę',
    switchCamera: 'Przełącz kamerę',
    admit: 'Wpuść',
    reject: 'Odrzuć',
    customerWaiting: 'Klient czeka na dołączenie.',
    remoteVideo: 'Obraz drugiego uczestnika',
    localVideo: 'Twój obraz',
    controls: 'Sterowanie rozmową',
    states: {
      idle: 'Gotowe do dołączenia.',
      joining: 'Dołączanie…',
      waiting: 'Oczekiwanie na drugiego uczestnika…',
      connecting: 'Łączenie…',
      connected: 'Połączono.',
      reconnecting: 'Utracono połączenie. Ponowne łączenie…',
      ended: 'Rozmowa zakończona.',
      failed: 'Nie udało się kontynuować rozmowy.',
    },
    e2ee: {
      negotiating: 'Zabezpieczanie rozmowy…',
      active: 'Szyfrowanie end-to-end',
      failed: 'Niezabezpieczone: nie udało się zweryfikować drugiego uczestnika, więc obraz i dźwięk nie są wysyłane.',
    },
    securityCode: 'Kod bezpieczeństwa, porównaj go z drugim uczestnikiem:',
  },
};
