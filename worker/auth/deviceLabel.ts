// A short name for a browser and its system from the user agent, so the admin can tell the phones
// in the session list apart ("Android · Chrome", "iPhone · Safari"). Only a label: never trusted.
const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];
// Order matters: Edge and Samsung say Chrome too, Chrome says Safari too.
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\//, "Chrome"],
  [/Safari\//, "Safari"],
];

export function deviceLabel(userAgent: string): string {
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const label = [system, browser].filter(Boolean).join(" · ");
  return label || (userAgent ? userAgent.slice(0, 40) : "unknown");
}
