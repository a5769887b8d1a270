// Who is logged in on this device, and the event they work at. Only its methods change it: the
// server's answers (check, login, logout), the server ending it, or a stored copy on an offline start.
import type { EventInfo, Role, Session } from "../../../worker/protocol.ts";
import { api, ApiRequestError } from "./api.ts";
import { guessLanguage, loadPublicLanguage, rememberLanguage, type Language } from "./i18n.ts";

export class SessionState {
  #session = $state<Session | undefined>(undefined);
  #event = $state<EventInfo | undefined>(undefined);
  #endedReason = $state<string | undefined>(undefined);
  #checking = $state(true);
  /** The event's language before login: what the server says publicly, else the one seen last. */
  #before = $state<Language>(guessLanguage());
  /** The language of every text on the page, the login included: always the event's where known. */
  readonly language: Language = $derived(this.#event?.language ?? this.#before);

  get session(): Session | undefined {
    return this.#session;
  }
  get event(): EventInfo | undefined {
    return this.#event;
  }
  /** Why the server ended the session (a 4001 close of the stream), for the login to show; cleared by the next login. */
  get endedReason(): string | undefined {
    return this.#endedReason;
  }
  /** True until the first check of the cookie has answered. */
  get checking(): boolean {
    return this.#checking;
  }

  /** Reads the current session; undefined when logged out. Network errors propagate. */
  async check(): Promise<Session | undefined> {
    try {
      this.#session = await api<Session>("GET", "/session");
      await this.#loadEvent();
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 401)) throw error;
      this.#session = undefined;
      // Logged out: the login page must still speak the event's language.
      this.#before = (await loadPublicLanguage()) ?? this.#before;
    } finally {
      this.#checking = false;
    }
    return this.#session;
  }

  /** The server cannot be reached at start: carry on with the session and event stored on this device. */
  resumeStored(session: Session, event: EventInfo): void {
    this.#session = session;
    this.#event = event;
  }

  /** `adminPin` only to take over a name that is logged in on another device (409 NAME_IN_USE). */
  async login(name: string, pin: string, adminPin?: string): Promise<Session> {
    const session = await api<Session>("POST", "/login", adminPin ? { name, pin, adminPin } : { name, pin });
    this.#session = session;
    this.#endedReason = undefined;
    // The name as the server keeps it (one form, spaces collapsed): the next login types the same.
    localStorage.setItem("mini-pos.name", session.name);
    await this.#loadEvent();
    return session;
  }

  async logout(): Promise<void> {
    await api("POST", "/logout").catch(() => undefined); // offline: this device forgets the session anyway
    // The login that follows speaks the language of the event just left.
    if (this.#event) this.#before = this.#event.language;
    this.#session = undefined;
  }

  /** The session is gone (the server said so): back to the login, with the reason when there is one. */
  ended(reason?: string): void {
    if (this.#event) this.#before = this.#event.language;
    this.#session = undefined;
    this.#endedReason = reason || undefined;
  }

  hasRole(...roles: Role[]): boolean {
    return !!this.#session && roles.includes(this.#session.role);
  }

  async #loadEvent() {
    const event = await api<EventInfo>("GET", "/event");
    this.#event = event;
    rememberLanguage(event.language);
  }
}

export function rememberedName(): string {
  return localStorage.getItem("mini-pos.name") ?? "";
}
