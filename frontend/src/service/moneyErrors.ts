// What a refused void or move means for the waiter, in their words (one place for both sheets).
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
    case "TOO_MANY_ATTEMPTS":
      return translator(commonStrings, language)("tooManyAttempts");
    default:
      return error.body.message;
  }
}
