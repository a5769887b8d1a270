// The voucher amount as typed on the desk's keypad, in euros with an optional comma ("12,5" →
// 1250 cents): at most 5 digits before the comma and 2 after, so it is never a fraction of a cent.
export function typeKey(text: string, key: string): string {
  if (key === "⌫") return text.slice(0, -1);
  const [whole = "", cents] = text.split(",");
  if (key === ",") return text.includes(",") ? text : (text || "0") + ",";
  if (!/^[0-9]$/.test(key)) return text;
  if (cents !== undefined) return cents.length >= 2 ? text : text + key;
  if (whole === "0") return key;
  return whole.length >= 5 ? text : text + key;
}

export function centsOf(text: string): number {
  const [whole = "", cents = ""] = text.split(",");
  return Number(whole || "0") * 100 + Number((cents + "00").slice(0, 2));
}
