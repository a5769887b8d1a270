// What a refused void, move or approved payment means for the waiter, in their words (one place for the sheets).
import type { ApiErrorBody } from "../../../worker/protocol.ts";
import { ApiRequestError, NetworkError } from "../lib/api.ts";
import { commonStrings, translator, type Language } from "../lib/i18n.ts";
import { strings } from "./strings.ts";

export function explainMoneyError(error: unknown, language: Language): string {
  const t = translator(strings, language);
  if (error instanceof NetworkError) return t("needsNetwork");
  if (!(error instanceof ApiRequestError)) return String(error);
  switch (error.body.code) {
    case "WRONG_PIN":
      return t("wrongAdminPin");
    case "FORBIDDEN":
      return error.body.path === "adminPin" ? t("adminPinNeeded") : error.body.message;
    case "NOT_OPEN":
      return t("notOpenAny");
    case "DEPOSIT_LIMIT":
      return depositLimitText(error.body, language);
    case "TOO_MANY_ATTEMPTS":
      return translator(commonStrings, language)("tooManyAttempts");
    default:
      return error.body.message;
  }
}

/** A refused deposit return (409 DEPOSIT_LIMIT): each deposit group and how many of it can still come back. */
export function depositLimitText(error: ApiErrorBody["error"], language: Language): string {
  const t = translator(strings, language);
  return t("depositLimit", { what: (error.groups ?? []).map((g) => `${g.group}: ${t("depositOpen", { count: g.left })}`).join(", ") });
}
