// Strings in German and English. Each page keeps its own dictionary and makes a translator with
// `translator(dict, language)`; both languages must have the same keys (checked by the type).
import { api } from "./api.ts";

export type Language = "de" | "en";
export type Dictionary<K extends string> = Record<Language, Record<K, string>>;

/** `t("orderFor", { table: "A1" })` fills `{table}` placeholders. */
export function translator<K extends string>(dict: Dictionary<K>, language: Language) {
  const strings = dict[language];
  return (key: K, params?: Record<string, string | number>): string => {
    let text = strings[key];
    if (params) for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

const isLanguage = (value: unknown): value is Language => value === "de" || value === "en";

/** Before login, until the server has said: the event's language seen last, else the browser's. */
export function guessLanguage(): Language {
  const remembered = localStorage.getItem("mini-pos.language");
  if (isLanguage(remembered)) return remembered;
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem("mini-pos.language", language);
  document.documentElement.lang = language;
}

/**
 * Asks the server for the event's language without a session (GET /event/public), remembers it
 * and returns it; undefined when it cannot be had (offline, or a server without that endpoint).
 */
export async function loadPublicLanguage(): Promise<Language | undefined> {
  try {
    const body = await api<{ language?: unknown }>("GET", "/event/public", undefined, 5_000);
    if (!isLanguage(body?.language)) return undefined;
    rememberLanguage(body.language);
    return body.language;
  } catch {
    return undefined;
  }
}

export const commonStrings: Dictionary<
  | "name"
  | "pin"
  | "login"
  | "logout"
  | "switchUser"
  | "wrongPin"
  | "tooManyAttempts"
  | "offline"
  | "reconnecting"
  | "loginAs"
  | "needRole"
  | "error"
  | "nameBadChar"
  | "nameTooSimilar"
  | "useExistingName"
  | "nameInUse"
  | "adminPin"
  | "takeOver"
  | "wrongAdminPin"
  | "failed"
> = {
  de: {
    name: "Name",
    pin: "PIN",
    login: "Anmelden",
    logout: "Abmelden",
    switchUser: "Benutzer wechseln",
    wrongPin: "Falsche PIN",
    tooManyAttempts: "Zu viele falsche Versuche – bitte eine Minute warten",
    offline: "Keine Verbindung zum Server",
    reconnecting: "Verbinde neu …",
    loginAs: "Anmelden für {what}",
    needRole: "Dieser Zugang reicht hier nicht aus ({role}).",
    error: "Fehler",
    failed: "Hat nicht geklappt",
    nameBadChar: "Der Name enthält ein unsichtbares oder nicht erlaubtes Zeichen ({code} an Stelle {position}). Bitte den Namen neu tippen.",
    nameTooSimilar: "„{name}“ sieht aus wie „{existing}“, den es bei dieser Veranstaltung schon gibt. Bitte einen anderen Namen wählen – oder, wenn du das bist, als „{existing}“ anmelden.",
    useExistingName: "Weiter als „{existing}“",
    nameInUse:
      "„{name}“ ist schon auf einem anderen Handy angemeldet. Ist das dein Handy und es ist weg oder leer? Dann hier die Admin-PIN eingeben lassen: das andere Handy wird abgemeldet. Oder die Organisation meldet es unter /admin → Angemeldet ab.",
    adminPin: "Admin-PIN",
    takeOver: "Mit Admin-PIN übernehmen",
    wrongAdminPin: "Falsche Admin-PIN",
  },
  en: {
    name: "Name",
    pin: "PIN",
    login: "Log in",
    logout: "Log out",
    switchUser: "Switch user",
    wrongPin: "Wrong PIN",
    tooManyAttempts: "Too many wrong attempts – please wait a minute",
    offline: "No connection to the server",
    reconnecting: "Reconnecting …",
    loginAs: "Log in for {what}",
    needRole: "This login cannot use this page ({role}).",
    error: "Error",
    failed: "That did not work",
    nameBadChar: "The name holds an invisible or unallowed character ({code} at position {position}). Please type the name again.",
    nameTooSimilar: "“{name}” looks like “{existing}”, which is already used at this event. Pick another name – or, if that is you, log in as “{existing}”.",
    useExistingName: "Continue as “{existing}”",
    nameInUse:
      "“{name}” is logged in on another phone. Is that your phone, and it is gone or flat? Then have the admin PIN typed here: the other phone is logged out. Or the organiser logs it out on /admin → Logged in.",
    adminPin: "Admin PIN",
    takeOver: "Take over with the admin PIN",
    wrongAdminPin: "Wrong admin PIN",
  },
};

/** Why the server ended a session, in the event's language (the server says it in English). */
export function sessionEndReason(reason: string, language: Language): string {
  if (language === "en") return reason;
  const endedBy = /^ended by (.+)$/.exec(reason);
  if (endedBy) return `beendet von ${endedBy[1]}`;
  const known: Record<string, string> = {
    "logged out": "abgemeldet",
    "the PIN was changed": "die PIN wurde geändert",
    expired: "abgelaufen",
    "taken over on another device with the admin PIN": "auf einem anderen Gerät mit der Admin-PIN übernommen",
  };
  return known[reason] ?? reason;
}
