import type { CallState, CapturePurpose, E2EEState } from '@sealcall/sdk';
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
  /** Key-agreement messages failed verification: someone interferes, or the links differ. */
  e2eeInterference: string;
  /** Many incoming frames fail their authentication (the E2EE alarm). */
  e2eeTampering: string;
  /** Read by screen readers before the emoji of the security code. */
  securityCode: string;
  /** The button both participants press once they compared the code aloud. */
  confirmSecurityCode: string;
  /** Shown once the code was confirmed for this agreement. */
  securityCodeConfirmed: string;
  /** Shown when the code changed after it had been confirmed (a new agreement). */
  securityCodeChanged: string;
  /** Why the call ended, where `states.ended` alone would not say enough. */
  endReasons: { 'connection-lost': string };
  /** Shown to both participants while either side records. */
  recordingLocal: string;
  recordingRemote: string;
  /** Customer: the second consent step, in the consent dialog, per capture. */
  captureConsent: Record<CapturePurpose, { title: string; intro: (controller: string) => string }>;
  /** Agent: the customer's answer. */
  captureAnswer: Record<CapturePurpose, { granted: string; declined: string }>;
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
      're-securing': 'Securing the call again… Video and sound pause meanwhile.',
      failed: 'Not secure: encryption could not run, so no video or sound is sent. Join the call again.',
    },
    e2eeInterference: 'The other participant could not be verified: someone may be interfering, or you opened different invitation links. Nothing is sent until it is secure.',
    e2eeTampering: 'Video or sound is being altered on the way: someone may be tampering with the connection.',
    securityCode: 'Security code, compare it with the other participant:',
    confirmSecurityCode: 'The codes match',
    securityCodeConfirmed: 'Security code compared',
    securityCodeChanged: 'The security code changed: compare it again.',
    endReasons: { 'connection-lost': 'The connection could not be restored. Check your network and join the call again.' },
    recordingLocal: 'Recording: you are recording this call.',
    recordingRemote: 'Recording: the other participant is recording this call.',
    captureConsent: {
      recording: { title: 'May we record this call?', intro: (c) => `${c} asks to record this call. Nothing is recorded unless you agree, and you can withdraw your consent at any time.` },
      pictures: { title: 'May we take pictures?', intro: (c) => `${c} asks to take pictures during this call. No picture is taken unless you agree, and you can withdraw your consent at any time.` },
    },
    captureAnswer: {
      recording: { granted: 'The customer agreed to recording.', declined: 'The customer did not agree to recording.' },
      pictures: { granted: 'The customer agreed to pictures.', declined: 'The customer did not agree to pictures.' },
    },
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
      're-securing': 'Gesprek opnieuw beveiligen… Beeld en geluid pauzeren zolang.',
      failed: 'Niet veilig: de versleuteling kon niet werken, dus er wordt geen beeld of geluid verstuurd. Neem opnieuw deel aan het gesprek.',
    },
    e2eeInterference: 'De andere deelnemer kon niet worden geverifieerd: misschien verstoort iemand de verbinding, of u opende verschillende uitnodigingslinks. Er wordt niets verstuurd tot het veilig is.',
    e2eeTampering: 'Beeld of geluid wordt onderweg gewijzigd: misschien knoeit iemand met de verbinding.',
    securityCode: 'Beveiligingscode, vergelijk die met de andere deelnemer:',
    confirmSecurityCode: 'De codes komen overeen',
    securityCodeConfirmed: 'Beveiligingscode vergeleken',
    securityCodeChanged: 'De beveiligingscode is veranderd: vergelijk hem opnieuw.',
    endReasons: { 'connection-lost': 'De verbinding kon niet worden hersteld. Controleer uw netwerk en neem opnieuw deel aan het gesprek.' },
    recordingLocal: 'Opname: u neemt dit gesprek op.',
    recordingRemote: 'Opname: de andere deelnemer neemt dit gesprek op.',
    captureConsent: {
      recording: { title: 'Mogen we dit gesprek opnemen?', intro: (c) => `${c} vraagt dit gesprek op te nemen. Er wordt niets opgenomen zonder uw toestemming, en u kunt die altijd intrekken.` },
      pictures: { title: "Mogen we foto's maken?", intro: (c) => `${c} vraagt tijdens dit gesprek foto's te maken. Er wordt geen foto gemaakt zonder uw toestemming, en u kunt die altijd intrekken.` },
    },
    captureAnswer: {
      recording: { granted: 'De klant stemt in met de opname.', declined: 'De klant stemt niet in met de opname.' },
      pictures: { granted: "De klant stemt in met foto's.", declined: "De klant stemt niet in met foto's." },
    },
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
      're-securing': 'Gespräch wird erneut abgesichert… Bild und Ton pausieren so lange.',
      failed: 'Nicht sicher: Die Verschlüsselung konnte nicht laufen, daher werden weder Bild noch Ton gesendet. Treten Sie dem Gespräch erneut bei.',
    },
    e2eeInterference: 'Die andere Person konnte nicht überprüft werden: Jemand stört möglicherweise die Verbindung, oder Sie haben verschiedene Einladungslinks geöffnet. Es wird nichts gesendet, bis es sicher ist.',
    e2eeTampering: 'Bild oder Ton werden unterwegs verändert: Jemand manipuliert möglicherweise die Verbindung.',
    securityCode: 'Sicherheitscode, vergleichen Sie ihn mit der anderen Person:',
    confirmSecurityCode: 'Die Codes stimmen überein',
    securityCodeConfirmed: 'Sicherheitscode verglichen',
    securityCodeChanged: 'Der Sicherheitscode hat sich geändert: Vergleichen Sie ihn erneut.',
    endReasons: { 'connection-lost': 'Die Verbindung konnte nicht wiederhergestellt werden. Prüfen Sie Ihr Netzwerk und treten Sie dem Gespräch erneut bei.' },
    recordingLocal: 'Aufnahme: Sie zeichnen dieses Gespräch auf.',
    recordingRemote: 'Aufnahme: Die andere Person zeichnet dieses Gespräch auf.',
    captureConsent: {
      recording: { title: 'Dürfen wir dieses Gespräch aufzeichnen?', intro: (c) => `${c} bittet darum, dieses Gespräch aufzuzeichnen. Ohne Ihre Einwilligung wird nichts aufgezeichnet, und Sie können sie jederzeit widerrufen.` },
      pictures: { title: 'Dürfen wir Fotos machen?', intro: (c) => `${c} bittet darum, während dieses Gesprächs Fotos zu machen. Ohne Ihre Einwilligung wird kein Foto gemacht, und Sie können sie jederzeit widerrufen.` },
    },
    captureAnswer: {
      recording: { granted: 'Die Kundin oder der Kunde willigt in die Aufzeichnung ein.', declined: 'Die Kundin oder der Kunde willigt nicht in die Aufzeichnung ein.' },
      pictures: { granted: 'Die Kundin oder der Kunde willigt in Fotos ein.', declined: 'Die Kundin oder der Kunde willigt nicht in Fotos ein.' },
    },
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
      're-securing': "Nouvelle sécurisation de l'appel… L'image et le son sont en pause en attendant.",
      failed: "Non sécurisé : le chiffrement n'a pas pu fonctionner, aucune image ni aucun son n'est envoyé. Rejoignez l'appel à nouveau.",
    },
    e2eeInterference: "L'autre participant n'a pas pu être vérifié : quelqu'un perturbe peut-être la connexion, ou vous avez ouvert des liens d'invitation différents. Rien n'est envoyé tant que ce n'est pas sécurisé.",
    e2eeTampering: "L'image ou le son sont modifiés en chemin : quelqu'un altère peut-être la connexion.",
    securityCode: "Code de sécurité, comparez-le avec l'autre participant :",
    confirmSecurityCode: 'Les codes correspondent',
    securityCodeConfirmed: 'Code de sécurité comparé',
    securityCodeChanged: 'Le code de sécurité a changé : comparez-le à nouveau.',
    endReasons: { 'connection-lost': "La connexion n'a pas pu être rétablie. Vérifiez votre réseau et rejoignez l'appel à nouveau." },
    recordingLocal: 'Enregistrement : vous enregistrez cet appel.',
    recordingRemote: "Enregistrement : l'autre participant enregistre cet appel.",
    captureConsent: {
      recording: { title: 'Pouvons-nous enregistrer cet appel ?', intro: (c) => `${c} demande à enregistrer cet appel. Rien n'est enregistré sans votre accord, et vous pouvez retirer votre consentement à tout moment.` },
      pictures: { title: 'Pouvons-nous prendre des photos ?', intro: (c) => `${c} demande à prendre des photos pendant cet appel. Aucune photo n'est prise sans votre accord, et vous pouvez retirer votre consentement à tout moment.` },
    },
    captureAnswer: {
      recording: { granted: "Le client accepte l'enregistrement.", declined: "Le client refuse l'enregistrement." },
      pictures: { granted: 'Le client accepte les photos.', declined: 'Le client refuse les photos.' },
    },
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
      're-securing': 'Ponowne zabezpieczanie rozmowy… Obraz i dźwięk są w tym czasie wstrzymane.',
      failed: 'Niezabezpieczone: szyfrowanie nie mogło działać, więc obraz i dźwięk nie są wysyłane. Dołącz do rozmowy ponownie.',
    },
    e2eeInterference: 'Nie udało się zweryfikować drugiego uczestnika: ktoś może zakłócać połączenie albo otworzyliście różne linki z zaproszeniem. Nic nie jest wysyłane, dopóki połączenie nie jest bezpieczne.',
    e2eeTampering: 'Obraz lub dźwięk są zmieniane po drodze: ktoś może manipulować połączeniem.',
    securityCode: 'Kod bezpieczeństwa, porównaj go z drugim uczestnikiem:',
    confirmSecurityCode: 'Kody są zgodne',
    securityCodeConfirmed: 'Kod bezpieczeństwa porównany',
    securityCodeChanged: 'Kod bezpieczeństwa się zmienił: porównaj go ponownie.',
    endReasons: { 'connection-lost': 'Nie udało się przywrócić połączenia. Sprawdź sieć i dołącz do rozmowy ponownie.' },
    recordingLocal: 'Nagrywanie: nagrywasz tę rozmowę.',
    recordingRemote: 'Nagrywanie: druga osoba nagrywa tę rozmowę.',
    captureConsent: {
      recording: { title: 'Czy możemy nagrać tę rozmowę?', intro: (c) => `${c} prosi o zgodę na nagranie tej rozmowy. Nic nie zostanie nagrane bez Twojej zgody, a zgodę możesz wycofać w każdej chwili.` },
      pictures: { title: 'Czy możemy robić zdjęcia?', intro: (c) => `${c} prosi o zgodę na robienie zdjęć podczas tej rozmowy. Żadne zdjęcie nie zostanie zrobione bez Twojej zgody, a zgodę możesz wycofać w każdej chwili.` },
    },
    captureAnswer: {
      recording: { granted: 'Klient zgodził się na nagrywanie.', declined: 'Klient nie zgodził się na nagrywanie.' },
      pictures: { granted: 'Klient zgodził się na zdjęcia.', declined: 'Klient nie zgodził się na zdjęcia.' },
    },
  },
};
